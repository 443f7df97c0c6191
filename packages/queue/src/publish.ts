import type { ConfirmChannel, ConsumeMessage } from 'amqplib'

export interface Publication {
  /** '' is the default exchange: the routing key is then a queue name. */
  exchange: string
  routingKey: string
  /** An object is sent as JSON; a Buffer as it is, with `contentType`. */
  body: Buffer | object
  contentType?: string
  /** Every message carries an id: consumers drop what they have already handled. */
  messageId: string
  /** What the message is (`mail`, `users.created`), for consumers and people reading queues. */
  type?: string
  /** Where the consumer reports back (a queue name). */
  replyTo?: string
  correlationId?: string
  headers?: Record<string, unknown>
  /**
   * Refuse to count a message that no queue takes as published: the broker returns it and
   * the promise rejects (UnroutableError), so an outbox keeps it until a queue is bound.
   */
  mandatory?: boolean
  /** Give up waiting for the broker's confirm after this long (the message may still arrive). */
  timeoutMs?: number
}

export class UnroutableError extends Error {
  constructor (readonly messageId: string, exchange: string, routingKey: string) {
    super(`message ${messageId}: no queue is bound for ${exchange || '(default exchange)'} / ${routingKey}`)
    this.name = 'UnroutableError'
  }
}

// Message ids the broker returned as unroutable, per channel, until their confirm arrives:
// the broker sends basic.return before the basic.ack of the same message.
const returnedIds = new WeakMap<ConfirmChannel, Set<string>>()

function returnsOf (channel: ConfirmChannel): Set<string> {
  let ids = returnedIds.get(channel)
  if (!ids) {
    const set = new Set<string>()
    ids = set
    returnedIds.set(channel, set)
    channel.on('return', (msg: ConsumeMessage) => {
      const id = msg.properties.messageId as string | undefined
      if (id) set.add(id)
    })
  }
  return ids
}

/**
 * Publishes one persistent message and resolves only once the broker has confirmed it
 * (written to the queues it routes to; to disk for durable queues). Rejects when the broker
 * nacks it, returns it (mandatory), the channel closes first, or no confirm comes in time:
 * the caller then still holds the message and tries again later.
 */
export function publishConfirmed (channel: ConfirmChannel, p: Publication): Promise<void> {
  const returned = p.mandatory ? returnsOf(channel) : undefined
  const content = Buffer.isBuffer(p.body) ? p.body : Buffer.from(JSON.stringify(p.body))
  return new Promise<void>((resolve, reject) => {
    let settled = false
    const settle = (err?: Error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (err) reject(err)
      else resolve()
    }
    const timer = setTimeout(() => settle(new Error(`message ${p.messageId}: no confirm from the broker within ${p.timeoutMs ?? 10_000} ms`)), p.timeoutMs ?? 10_000)
    try {
      channel.publish(
        p.exchange,
        p.routingKey,
        content,
        {
          persistent: true,
          contentType: p.contentType ?? (Buffer.isBuffer(p.body) ? 'application/octet-stream' : 'application/json'),
          messageId: p.messageId,
          timestamp: Math.floor(Date.now() / 1000),
          mandatory: p.mandatory ?? false,
          ...(p.type ? { type: p.type } : {}),
          ...(p.replyTo ? { replyTo: p.replyTo } : {}),
          ...(p.correlationId ? { correlationId: p.correlationId } : {}),
          ...(p.headers ? { headers: p.headers } : {})
        },
        (err: unknown) => {
          const wasReturned = returned?.delete(p.messageId) ?? false
          if (err) settle(err instanceof Error ? err : new Error(`message ${p.messageId}: the broker refused it (nack)`))
          else if (wasReturned) settle(new UnroutableError(p.messageId, p.exchange, p.routingKey))
          else settle()
        }
      )
    } catch (err) {
      // The channel closed under us (publish throws on a closed channel).
      settle(err as Error)
    }
  })
}
