import { gatewayUrlConfig, loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadCinemaUsersConfig (env: Record<string, string | undefined> = process.env) {
  // GATEWAY_URL: where a user's bookings (bookings service) and their movies (movies service) are read.
  return loadConfig({ ...databaseFileConfig('cinema-users'), ...gatewayUrlConfig() }, env)
}

export type CinemaUsersConfig = ReturnType<typeof loadCinemaUsersConfig>
