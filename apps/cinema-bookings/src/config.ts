import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadCinemaBookingsConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('cinema-bookings'), env)
}

export type CinemaBookingsConfig = ReturnType<typeof loadCinemaBookingsConfig>
