import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import { amqpPlugin, mailNames } from '@platform/queue'
import type { NotificationsConfig } from './config.js'
import { deliveryPlugin } from './delivery.js'
import { notificationsStore } from './notifications-store.js'
import notificationsRoutes from './routes/notifications.js'

export const meta: ServiceMeta = {
  name: 'notifications',
  prefix: '/notifications',
  title: 'Notifications',
  description:
    'Mail about an event at a time a user chooses: kept in the service\'s database, handed to the mailer\'s queue at ' +
    'send_at exactly once (an outbox with publisher confirms), and followed until the mailer says sent or failed.',
  version: '1.0.0',
  tags: [{ name: 'notifications', description: 'Scheduled mail about events' }]
}

/** The notifications service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: NotificationsConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  const names = mailNames(config.AMQP_NAMESPACE)
  const statusQueue = names.status('notifications')
  await app.register(notificationsStore({ queue: names.mail, replyTo: statusQueue }), { file: config.DATABASE_FILE })
  // The broker being away delays mail, nothing else: readiness does not depend on it.
  await app.register(amqpPlugin, { url: config.AMQP_URL, namespace: config.AMQP_NAMESPACE })
  await app.register(deliveryPlugin, {
    namespace: config.AMQP_NAMESPACE,
    statusQueue,
    pollMs: config.NOTIFICATIONS_POLL_MS,
    leaseMs: config.NOTIFICATIONS_LEASE_MS
  })
  await app.register(notificationsRoutes, { gatewayUrl: config.GATEWAY_URL })
  return app
}
