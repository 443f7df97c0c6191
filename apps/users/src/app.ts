import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { UsersConfig } from './config.js'
import { usersStore } from './users-store.js'
import usersRoutes from './routes/users.js'

export const meta: ServiceMeta = {
  name: 'users',
  prefix: '/users',
  title: 'User accounts',
  description: 'Accounts of the community site: username, email, karma, and deactivation.',
  version: '1.0.0',
  tags: [{ name: 'users', description: 'Accounts and their karma' }]
}

/** The users service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: UsersConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(usersStore, { file: config.DATABASE_FILE })
  await app.register(usersRoutes)
  return app
}
