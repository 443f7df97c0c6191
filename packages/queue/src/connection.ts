import { EventEmitter, once } from 'node:events'
import { connect, type ChannelModel, type ConfirmChannel, type RecoveringChannelModel } from 'amqplib'

/** What the queue code logs through: a pino logger (app.log) fits. */
export interface Logger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

const silent: Logger = { info () {}, warn () {}, error () {} }

/** A queue's depth; nulls when it does not exist. */
export interface QueueDepth {
  queue: string
  messages: number | null
  consumers: number | null
}

/** Run on every (re)connection with the new channel: assert the topology, start consumers. */
export type Setup = (channel: ConfirmChannel) => Promise<void>

export interface AmqpConnectionOptions {
  /** amqp://user:pass@host:port/vhost; empty: never connect (the broker is switched off). */
  url: string
  /** The broker shows it as connection_name (`rabbitmqctl list_connections client_properties`). */
  name: string
  log?: Logger
  /** How many unacknowledged deliveries a consumer holds at once. */
  prefetch?: number
  /** Reconnect backoff: first delay and ceiling (exponential, with jitter). */
  initialDelayMs?: number
  maxDelayMs?: number
}

/**
 * One AMQP connection and one confirm channel that come back by themselves: when the broker
 * restarts or closes the connection, amqplib's recovery reconnects with backoff and every
 * registered setup runs again on the new channel (topology asserted, consumers restarted).
 * A channel that dies while its connection lives (a channel error) recycles the connection,
 * so there is one way back. `channel` is undefined while disconnected: publishers wait or
 * keep their messages (see the outbox relay).
 */
export class AmqpConnection extends EventEmitter {
  readonly name: string
  private readonly setups: Setup[] = []
  private readonly log: Logger
  private current: ConfirmChannel | undefined
  private model: ChannelModel | undefined
  private conn: RecoveringChannelModel | undefined
  private closing = false

  constructor (private readonly options: AmqpConnectionOptions) {
    super()
    this.name = options.name
    this.log = options.log ?? silent
  }

  /** False when AMQP_URL is empty: nothing will ever be published or consumed. */
  get enabled (): boolean {
    return this.options.url !== ''
  }

  /** The live channel, or undefined while disconnected. */
  get channel (): ConfirmChannel | undefined {
    return this.current
  }

  get connected (): boolean {
    return this.current !== undefined
  }

  /** Registers a setup; call before start(). */
  use (setup: Setup): this {
    this.setups.push(setup)
    return this
  }

  /** Starts connecting in the background; resolves at once (the broker may be down). */
  start (): void {
    if (!this.enabled || this.conn || this.closing) return
    const { initialDelayMs = 200, maxDelayMs = 5000 } = this.options
    // With recovery and waitForConnect false, connect() resolves at once with the handle.
    const pending = connect(this.options.url, {
      clientProperties: { connection_name: this.name },
      recovery: {
        initialDelay: initialDelayMs,
        maxDelay: maxDelayMs,
        maxRetries: Infinity,
        waitForConnect: false,
        setup: (model: ChannelModel) => this.setUp(model)
      }
    })
    void pending.then((conn) => {
      if (this.closing) {
        conn.close().catch(() => {})
        return
      }
      this.conn = conn
      conn.on('connect', () => {
        this.log.info({ connection: this.name }, 'broker connected')
        this.emit('connect', this.current)
      })
      conn.on('disconnect', (err: Error) => {
        this.current = undefined
        this.model = undefined
        if (!this.closing) this.log.warn({ connection: this.name, err: err.message }, 'broker connection lost; reconnecting')
        this.emit('disconnect', err)
      })
      conn.on('connect-failed', (err: Error) => this.log.warn({ connection: this.name, err: err.message }, 'broker connection attempt failed'))
      conn.on('error', (err: Error) => this.log.warn({ connection: this.name, err: err.message }, 'broker connection error'))
    })
  }

  private async setUp (model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel()
    channel.on('error', (err: Error) => this.log.warn({ connection: this.name, err: err.message }, 'channel error'))
    channel.on('close', () => {
      if (this.current === channel) this.current = undefined
      // The connection may be fine: close it too, so recovery rebuilds channel and consumers.
      if (!this.closing) model.close().catch(() => {})
    })
    if (this.options.prefetch) await channel.prefetch(this.options.prefetch)
    for (const setup of this.setups) await setup(channel)
    this.model = model
    this.current = channel
  }

  /**
   * How many messages wait in each queue and how many consumers read it, on a channel of its
   * own (a passive check of a missing queue closes its channel, which must not be the one
   * publishing and consuming). Undefined while disconnected.
   */
  async inspect (queues: string[]): Promise<QueueDepth[] | undefined> {
    const model = this.model
    if (!this.current || !model) return undefined
    const depths: QueueDepth[] = []
    for (const queue of queues) {
      const channel = await model.createChannel()
      channel.on('error', () => {})
      try {
        const { messageCount, consumerCount } = await channel.checkQueue(queue)
        depths.push({ queue, messages: messageCount, consumers: consumerCount })
        await channel.close()
      } catch {
        depths.push({ queue, messages: null, consumers: null })
      }
    }
    return depths
  }

  /** Resolves with the channel once connected (at once if it is), rejects after timeoutMs. */
  async waitConnected (timeoutMs = 10_000): Promise<ConfirmChannel> {
    if (this.current) return this.current
    const [channel] = await once(this, 'connect', { signal: AbortSignal.timeout(timeoutMs) })
    return channel as ConfirmChannel
  }

  async close (): Promise<void> {
    this.closing = true
    this.current = undefined
    this.model = undefined
    await this.conn?.close().catch(() => {})
  }
}
