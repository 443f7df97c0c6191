import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { MailboxConfig } from './config.js'
import { mailboxStore } from './mailbox-store.js'
import { smtpPlugin } from './smtp.js'
import messagesRoutes from './routes/messages.js'

export const meta: ServiceMeta = {
  name: 'mailbox',
  prefix: '/mailbox',
  title: 'Mailbox (development SMTP sink)',
  description:
    'An SMTP server that keeps every message it is sent, and this API to read them: where the platform\'s mail ' +
    'goes in development and tests. A person reads it at /mailbox/inbox.',
  version: '1.0.0',
  tags: [{ name: 'mailbox', description: 'Messages received over SMTP' }]
}

/** The mailbox service, ready to inject into or listen with; it never listens itself (its SMTP server starts on ready). */
export async function buildApp (config: MailboxConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(mailboxStore(config.MAILBOX_KEEP), { file: config.DATABASE_FILE })
  await app.register(smtpPlugin, { host: config.SMTP_HOST, port: config.SMTP_PORT, maxBytes: config.MAILBOX_MAX_BYTES })
  await app.register(messagesRoutes)
  return app
}
