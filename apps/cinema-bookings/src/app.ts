import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { CinemaBookingsConfig } from './config.js'
import { cinemaBookingsStore } from './cinema-bookings-store.js'
import itemsRoutes from './routes/items.js'

export const meta: ServiceMeta = {
  name: 'cinema-bookings',
  prefix: '/cinema/bookings',
  title: 'Cinema bookings',
  description: 'Cinema bookings of the platform: TODO say what the service owns.',
  version: '1.0.0',
  tags: [{ name: 'items', description: 'TODO: the resource' }]
}

/** The cinema-bookings service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: CinemaBookingsConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(cinemaBookingsStore, { file: config.DATABASE_FILE })
  await app.register(itemsRoutes)
  return app
}
