import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { CinemaUsersConfig } from './config.js'
import { usersStore } from './users-store.js'
import usersRoutes from './routes/users.js'

export const meta: ServiceMeta = {
  name: 'cinema-users',
  prefix: '/cinema/users',
  title: 'Cinema users',
  description: 'The cinema\'s customers (username and name), and each one\'s bookings with the movies they are for, ' +
    'read from the bookings and movies services.',
  version: '1.0.0',
  tags: [{ name: 'users', description: 'Cinema customers' }]
}

/** The cinema-users service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: CinemaUsersConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(usersStore, { file: config.DATABASE_FILE })
  await app.register(usersRoutes, { gatewayUrl: config.GATEWAY_URL, upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS })
  return app
}
