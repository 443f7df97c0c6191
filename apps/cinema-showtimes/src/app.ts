import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { CinemaShowtimesConfig } from './config.js'
import { showtimesStore } from './showtimes-store.js'
import showtimesRoutes from './routes/showtimes.js'

export const meta: ServiceMeta = {
  name: 'cinema-showtimes',
  prefix: '/cinema/showtimes',
  title: 'Cinema showtimes',
  description: 'The cinema\'s programme: for each day, the movies shown and the seats of each showing. ' +
    'Movies are checked against the movies service when a day is written.',
  version: '1.0.0',
  tags: [{ name: 'showtimes', description: 'Days of the programme and their showings' }]
}

/** The cinema-showtimes service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: CinemaShowtimesConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(showtimesStore, { file: config.DATABASE_FILE })
  await app.register(showtimesRoutes, { gatewayUrl: config.GATEWAY_URL, upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS })
  return app
}
