import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { CinemaShowtimesConfig } from './config.js'
import { cinemaShowtimesStore } from './cinema-showtimes-store.js'
import itemsRoutes from './routes/items.js'

export const meta: ServiceMeta = {
  name: 'cinema-showtimes',
  prefix: '/cinema/showtimes',
  title: 'Cinema showtimes',
  description: 'Cinema showtimes of the platform: TODO say what the service owns.',
  version: '1.0.0',
  tags: [{ name: 'items', description: 'TODO: the resource' }]
}

/** The cinema-showtimes service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: CinemaShowtimesConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(cinemaShowtimesStore, { file: config.DATABASE_FILE })
  await app.register(itemsRoutes)
  return app
}
