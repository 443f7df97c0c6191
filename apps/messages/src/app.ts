import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { MessagesConfig } from './config.js'
import { messagesStore } from './messages-store.js'
import messagesRoutes from './routes/messages.js'

export const meta: ServiceMeta = {
  name: 'messages',
  prefix: '/messages',
  title: 'Messages',
  description: 'Direct messages between users of the community site: send, read, delete, favorite, inbox and outbox.',
  version: '1.0.0',
  tags: [{ name: 'messages', description: 'Messages, inboxes and outboxes' }]
}

/** The messages service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: MessagesConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(messagesStore, { file: config.DATABASE_FILE })
  await app.register(messagesRoutes)
  return app
}
