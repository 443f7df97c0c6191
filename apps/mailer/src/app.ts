import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import { amqpPlugin } from '@platform/queue'
import type { MailerConfig } from './config.js'
import { deliveriesStore } from './deliveries-store.js'
import { workerPlugin } from './worker.js'
import statusRoutes from './routes/status.js'

export const meta: ServiceMeta = {
  name: 'mailer',
  prefix: '/mailer',
  title: 'Mailer',
  description:
    'Sends the platform\'s mail: consumes the RabbitMQ mail queue and the users.created events (welcome mail), ' +
    'sends each message over SMTP once, retries with back-off, dead-letters what cannot be sent, and reports ' +
    'sent/failed to the sender. Its API is its status.',
  version: '1.0.0',
  tags: [{ name: 'mailer', description: 'The mail worker\'s status' }]
}

/** The mailer, ready to inject into or listen with; it never listens itself (its consumers start on ready). */
export async function buildApp (config: MailerConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(deliveriesStore, { file: config.DATABASE_FILE })
  // Without the broker the mailer has nothing to do: readiness says so.
  await app.register(amqpPlugin, { url: config.AMQP_URL, namespace: config.AMQP_NAMESPACE, prefetch: config.MAILER_PREFETCH, required: true })
  await app.register(workerPlugin, {
    namespace: config.AMQP_NAMESPACE,
    smtpUrl: config.SMTP_URL,
    gatewayUrl: config.GATEWAY_URL,
    from: config.MAIL_FROM,
    smtpTimeoutMs: config.SMTP_TIMEOUT_MS,
    retryDelays: config.retryDelays
  })
  await app.register(statusRoutes)
  return app
}
