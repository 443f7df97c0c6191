import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { CinemaUsersConfig } from './config.js'
import { cinemaUsersStore } from './cinema-users-store.js'
import itemsRoutes from './routes/items.js'

export const meta: ServiceMeta = {
  name: 'cinema-users',
  prefix: '/cinema/users',
  title: 'Cinema users',
  description: 'Cinema users of the platform: TODO say what the service owns.',
  version: '1.0.0',
  tags: [{ name: 'items', description: 'TODO: the resource' }]
}

/** The cinema-users service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: CinemaUsersConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(cinemaUsersStore, { file: config.DATABASE_FILE })
  await app.register(itemsRoutes)
  return app
}
