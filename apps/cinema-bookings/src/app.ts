import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { CinemaBookingsConfig } from './config.js'
import { bookingsStore } from './bookings-store.js'
import bookingsRoutes from './routes/bookings.js'

export const meta: ServiceMeta = {
  name: 'cinema-bookings',
  prefix: '/cinema/bookings',
  title: 'Cinema bookings',
  description: 'Bookings of seats for the cinema\'s showings. The seats booked of each showing live here, beside the ' +
    'bookings, and change in the booking\'s own transaction, so a showing is never oversold; its capacity is read from ' +
    'the showtimes service, users from the users service.',
  version: '1.0.0',
  tags: [{ name: 'bookings', description: 'Bookings and the seats of each showing' }]
}

/** The cinema-bookings service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: CinemaBookingsConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(bookingsStore, { file: config.DATABASE_FILE })
  await app.register(bookingsRoutes, { gatewayUrl: config.GATEWAY_URL, upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS })
  return app
}
