import { gatewayUrlConfig, loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadCinemaBookingsConfig (env: Record<string, string | undefined> = process.env) {
  // GATEWAY_URL: where users (cinema-users) and showings with their capacity (cinema-showtimes) are read.
  return loadConfig({ ...databaseFileConfig('cinema-bookings'), ...gatewayUrlConfig() }, env)
}

export type CinemaBookingsConfig = ReturnType<typeof loadCinemaBookingsConfig>
