import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { assertMailQueues, relayPlugin, type MailStatus } from '@platform/queue'

export interface DeliveryOptions {
  namespace: string
  /** The queue the mailer reports sent/failed to. */
  statusQueue: string
  pollMs: number
  leaseMs: number
}

/**
 * Getting the mail out and hearing back: the outbox relay publishes each notification's mail
 * at send_at (with publisher confirms; the notification turns `queued` in the transaction that
 * takes the mail out of the outbox), and a consumer of the status queue records what the
 * mailer says. Every instance runs both: claims in the database keep them from sending one
 * notification twice.
 */
export const deliveryPlugin = fp(
  async (app: FastifyInstance, opts: DeliveryOptions) => {
    app.amqp.use(async (ch) => {
      // Declared before anything is published, so the mail is routable and the mailer's report has a queue.
      await assertMailQueues(ch, opts.namespace)
      await ch.assertQueue(opts.statusQueue, { durable: true })
      await ch.consume(opts.statusQueue, (msg) => {
        if (!msg) return
        try {
          const status = JSON.parse(msg.content.toString('utf8')) as MailStatus
          if (app.notifications.applyStatus(status)) app.log.info({ notification_id: status.message_id, status: status.status }, 'mailer reported')
        } catch (err) {
          app.log.warn({ err: (err as Error).message }, 'unreadable mail status, dropped')
        }
        try {
          ch.ack(msg)
        } catch {
          // The channel went away: the report comes again, and applying it twice is harmless.
        }
      })
    })
    await app.register(relayPlugin, {
      outbox: app.notifications.outbox,
      onPublished: (id: string) => app.notifications.markQueued(id),
      pollMs: opts.pollMs,
      leaseMs: opts.leaseMs
    })
  },
  { name: 'notifications-delivery', dependencies: ['amqp', 'notifications-store'], fastify: '5.x' }
)
