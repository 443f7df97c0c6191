import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { CinemaMoviesConfig } from './config.js'
import { moviesStore } from './movies-store.js'
import moviesRoutes from './routes/movies.js'

export const meta: ServiceMeta = {
  name: 'cinema-movies',
  prefix: '/cinema/movies',
  title: 'Cinema movies',
  description: 'The cinema\'s catalogue: movies with their director and rating. Showtimes and bookings name movies by their id.',
  version: '1.0.0',
  tags: [{ name: 'movies', description: 'The catalogue' }]
}

/** The cinema-movies service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: CinemaMoviesConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(moviesStore, { file: config.DATABASE_FILE })
  await app.register(moviesRoutes)
  return app
}
