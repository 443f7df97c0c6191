import { fileURLToPath } from 'node:url'
import type { FastifyServerOptions } from 'fastify'
import { createService } from '@platform/kit'
import { sqliteStore } from '@platform/sqlite'
import { createMessagesStore, type MessagesStore } from './messages-store.js'
import type { MessagesConfig } from './config.js'
import messages from './routes/messages.js'

export { loadMessagesConfig, type MessagesConfig } from './config.js'

declare module 'fastify' {
  interface FastifyInstance {
    messages: MessagesStore
  }
}

const migrations = fileURLToPath(new URL('../migrations', import.meta.url))

/** The messages service, ready to inject into or listen with; it never listens itself. */
export async function buildApp(config: MessagesConfig, fastify?: Partial<FastifyServerOptions>) {
  const app = await createService({
    name: 'messages',
    codePrefix: 'MESSAGES',
    prefix: '/messages',
    title: 'Messages',
    description: 'Direct messages between users of the community site: send, read, delete, favorite, inbox and outbox.',
    version: '1.0.0',
    tags: [{ name: 'messages', description: 'Messages, inboxes and outboxes' }],
    config,
    fastify
  })
  await app.register(
    sqliteStore({ name: 'messages-db', decorator: 'messages', file: config.DATABASE_FILE, migrations, createStore: createMessagesStore })
  )
  await app.register(messages)
  return app
}
