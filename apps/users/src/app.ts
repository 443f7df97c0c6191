import { fileURLToPath } from 'node:url'
import type { FastifyServerOptions } from 'fastify'
import { createService } from '@platform/kit'
import { sqliteStore } from '@platform/sqlite'
import { createUsersStore, type UsersStore } from './users-store.js'
import type { UsersConfig } from './config.js'
import users from './routes/users.js'

export { loadUsersConfig, type UsersConfig } from './config.js'

declare module 'fastify' {
  interface FastifyInstance {
    users: UsersStore
  }
}

const migrations = fileURLToPath(new URL('../migrations', import.meta.url))

/** The users service, ready to inject into or listen with; it never listens itself. */
export async function buildApp(config: UsersConfig, fastify?: Partial<FastifyServerOptions>) {
  const app = await createService({
    name: 'users',
    codePrefix: 'USERS',
    prefix: '/users',
    title: 'User accounts',
    description: 'Accounts of the community site: username, email, karma, and deactivation.',
    version: '1.0.0',
    tags: [{ name: 'users', description: 'Accounts and their karma' }],
    config,
    fastify
  })
  await app.register(
    sqliteStore({ name: 'users-db', decorator: 'users', file: config.DATABASE_FILE, migrations, createStore: createUsersStore })
  )
  await app.register(users)
  return app
}
