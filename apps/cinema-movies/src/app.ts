import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { CinemaMoviesConfig } from './config.js'
import { cinemaMoviesStore } from './cinema-movies-store.js'
import itemsRoutes from './routes/items.js'

export const meta: ServiceMeta = {
  name: 'cinema-movies',
  prefix: '/cinema/movies',
  title: 'Cinema movies',
  description: 'Cinema movies of the platform: TODO say what the service owns.',
  version: '1.0.0',
  tags: [{ name: 'items', description: 'TODO: the resource' }]
}

/** The cinema-movies service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: CinemaMoviesConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(cinemaMoviesStore, { file: config.DATABASE_FILE })
  await app.register(itemsRoutes)
  return app
}
