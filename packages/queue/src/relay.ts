import type { AmqpConnection, Logger } from './connection.js'
import type { ClaimedMessage, Outbox } from './outbox.js'
import { publishConfirmed } from './publish.js'

export interface RelayOptions {
  outbox: Outbox
  connection: AmqpConnection
  /** This relay in the outbox's claimed_by: `<service>@<host>:<port>#<pid>`. */
  owner: string
  log?: Logger
  /** How often the outbox is looked at when nothing is known to be due sooner (rows other processes write). */
  pollMs?: number
  /** How long a claim holds: past it, another relay takes the message. */
  leaseMs?: number
  /** Messages claimed and published per round. */
  batch?: number
  confirmTimeoutMs?: number
  /** Runs in the transaction that removes a confirmed message (the service marks its row sent). */
  onPublished?: (messageId: string) => void
}

/** Back-off before a message whose publication failed is tried again: 1 s, 2 s, 4 s ... 60 s. */
export function retryDelayMs (attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1))
}

/**
 * Publishes an outbox: claims the due messages, publishes each with a publisher confirm, and
 * removes it only once the broker has confirmed it. A broker that is down or refuses a message
 * delays it, never loses it: the message stays in the database, and the relay of this or
 * another instance publishes it later (it may then arrive twice; consumers drop known ids).
 * It wakes when the next known message is due, when the service wakes it after a write, when
 * the broker connects, and every pollMs for what other processes wrote.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private again = false
  private stopped = true
  private readonly pollMs: number
  private readonly onConnect = () => this.wake()
  /** Counters for a status page. */
  readonly stats = { published: 0, failed: 0 }

  constructor (private readonly options: RelayOptions) {
    this.pollMs = options.pollMs ?? 500
  }

  start (): void {
    if (!this.stopped) return
    this.stopped = false
    this.options.connection.on('connect', this.onConnect)
    this.wake()
  }

  /** Look at the outbox now (a message was just written). */
  wake (): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    clearTimeout(this.timer)
    this.running = this.round().finally(() => {
      this.running = undefined
      if (this.again) {
        this.again = false
        this.wake()
      } else {
        this.schedule()
      }
    })
  }

  private schedule (): void {
    if (this.stopped) return
    let delay = this.pollMs
    if (this.options.connection.connected) {
      const next = this.options.outbox.nextDueAt()
      if (next !== undefined) delay = Math.max(0, Math.min(delay, next - Date.now()))
    }
    this.timer = setTimeout(() => this.wake(), delay)
  }

  private async round (): Promise<void> {
    const { outbox, connection, owner } = this.options
    const batch = this.options.batch ?? 100
    try {
      // Nothing is claimed while the broker is away: the messages stay free for a relay that has one.
      while (!this.stopped && connection.channel) {
        const claimed = outbox.claim(owner, { leaseMs: this.options.leaseMs ?? 10_000, limit: batch })
        if (claimed.length === 0) return
        await Promise.all(claimed.map((m) => this.publish(m)))
        if (claimed.length < batch) return
      }
    } catch (err) {
      // A database error (busy past its timeout, say): the next round tries again.
      this.options.log?.error({ err }, 'outbox relay round failed')
    }
  }

  private async publish (m: ClaimedMessage): Promise<void> {
    const { outbox, connection, owner } = this.options
    const channel = connection.channel
    try {
      if (!channel) throw new Error('broker disconnected')
      await publishConfirmed(channel, {
        exchange: m.exchange,
        routingKey: m.routingKey,
        body: m.body,
        ...(m.json ? { contentType: 'application/json' } : {}),
        messageId: m.messageId,
        ...(m.type ? { type: m.type } : {}),
        ...(m.replyTo ? { replyTo: m.replyTo } : {}),
        ...(m.headers ? { headers: m.headers } : {}),
        ...(m.mandatory ? { mandatory: true } : {}),
        timeoutMs: this.options.confirmTimeoutMs ?? 5000
      })
    } catch (err) {
      this.stats.failed++
      outbox.release(m.messageId, owner, Date.now() + retryDelayMs(m.attempts))
      this.options.log?.warn({ message_id: m.messageId, attempts: m.attempts, err: (err as Error).message }, 'publish failed; the message stays in the outbox')
      return
    }
    outbox.published(m.messageId, this.options.onPublished)
    this.stats.published++
  }

  /** Stops claiming and waits for the round in flight (its confirms or failures). */
  async stop (): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    this.options.connection.off('connect', this.onConnect)
    await this.running
  }
}
