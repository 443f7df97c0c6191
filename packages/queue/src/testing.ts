// What tests need around a real RabbitMQ: names no other test run uses, a look into queues,
// and a way to cut a service's connection as a broker restart would, without disturbing anyone
// else on a shared broker (only connections whose name starts with the test's namespace).
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { connect, type ChannelModel, type GetMessage } from 'amqplib'
import tap from 'tap'
import { DEFAULT_AMQP_URL } from './config.js'
import { mailNames } from './mail.js'

const run = promisify(execFile)

export const TEST_AMQP_URL = process.env.AMQP_URL || DEFAULT_AMQP_URL

/** A namespace no other test run uses: `test-<label>-<random>`. */
export function testNamespace (label: string): string {
  return `test-${label}-${randomBytes(4).toString('hex')}`
}

/** connection_name of every connection to the local broker, with its pid (rabbitmqctl). */
export async function brokerConnections (): Promise<{ pid: string, name: string }[]> {
  // One line per connection: `<rabbit@host.1.2.3>\t[{"connection_name","..."},...]`. (The
  // JSON formatter prints pids in a form close_connection does not take back.)
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_connections', 'pid', 'client_properties', '--no-table-headers'])
  return stdout.split('\n').filter(Boolean).map((line) => {
    const [pid = '', props = ''] = line.split('\t')
    return { pid, name: /\{"connection_name","((?:[^"\\]|\\.)*)"\}/.exec(props)?.[1] ?? '' }
  })
}

/**
 * Closes, at the broker, every connection whose connection_name starts with `prefix` (what a
 * broker restart does to a client), and answers how many it closed.
 */
export async function closeBrokerConnections (prefix: string): Promise<number> {
  const mine = (await brokerConnections()).filter((c) => c.name.startsWith(prefix))
  for (const c of mine) {
    await run('rabbitmqctl', ['-q', 'close_connection', c.pid, 'test: simulated broker restart']).catch(() => {})
  }
  return mine.length
}

/** A plain connection for looking into queues; close it in teardown. */
export class QueueProbe {
  private constructor (private readonly model: ChannelModel) {}

  static async open (url = TEST_AMQP_URL): Promise<QueueProbe> {
    return new QueueProbe(await connect(url, { clientProperties: { connection_name: 'test-probe' } }))
  }

  /** Takes every message now in `queue` (acknowledged: they are gone afterwards). */
  async drain (queue: string): Promise<GetMessage[]> {
    const ch = await this.model.createChannel()
    const got: GetMessage[] = []
    for (;;) {
      const m = await ch.get(queue, { noAck: true })
      if (!m) break
      got.push(m)
    }
    await ch.close()
    return got
  }

  /** Messages waiting in `queue`, or undefined when it does not exist. */
  async depth (queue: string): Promise<number | undefined> {
    const ch = await this.model.createChannel()
    ch.on('error', () => {})
    try {
      return (await ch.checkQueue(queue)).messageCount
    } catch {
      return undefined
    } finally {
      await ch.close().catch(() => {})
    }
  }

  async assertQueue (queue: string): Promise<void> {
    const ch = await this.model.createChannel()
    await ch.assertQueue(queue, { durable: true })
    await ch.close()
  }

  /** Removes the queues and exchanges a test declared (missing ones are fine). */
  async remove ({ queues = [], exchanges = [] }: { queues?: string[], exchanges?: string[] }): Promise<void> {
    for (const q of queues) {
      const ch = await this.model.createChannel()
      ch.on('error', () => {})
      await ch.deleteQueue(q).catch(() => {})
      await ch.close().catch(() => {})
    }
    for (const x of exchanges) {
      const ch = await this.model.createChannel()
      ch.on('error', () => {})
      await ch.deleteExchange(x).catch(() => {})
      await ch.close().catch(() => {})
    }
  }

  async close (): Promise<void> {
    await this.model.close().catch(() => {})
  }
}

const leftovers = { queues: new Set<string>(), exchanges: new Set<string>() }
let cleanupRegistered = false

/**
 * Removes these queues and exchanges once the whole test file is done. Not in the test's own
 * teardown: teardowns run in the order they were added, and a service closed after its queues
 * were deleted would declare them again while it reconnects.
 */
export function removeWhenDone (what: { queues?: string[], exchanges?: string[] }): void {
  for (const q of what.queues ?? []) leftovers.queues.add(q)
  for (const x of what.exchanges ?? []) leftovers.exchanges.add(x)
  if (cleanupRegistered) return
  cleanupRegistered = true
  tap.teardown(async () => {
    const probe = await QueueProbe.open()
    await probe.remove({ queues: [...leftovers.queues], exchanges: [...leftovers.exchanges] })
    await probe.close()
  })
}

/** Every queue and exchange of the mail flow under `namespace` (any retry delays given), removed when the file is done. */
export function removeMailNamespaceWhenDone (namespace: string, retryDelays: number[] = [], extraQueues: string[] = []): void {
  const names = mailNames(namespace)
  removeWhenDone({
    queues: [names.mail, names.dead, names.welcome, names.status('notifications'), ...retryDelays.map(names.retry), ...extraQueues],
    exchanges: [names.events]
  })
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `fn` until it returns something other than undefined/false, or throws after timeoutMs. */
export async function eventually<T> (fn: () => T | Promise<T>, timeoutMs = 15_000, what = 'condition'): Promise<Exclude<T, undefined | false>> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await fn()
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>
    if (Date.now() > until) throw new Error(`${what} not reached within ${timeoutMs} ms`)
    await sleep(50)
  }
}
