import { gatewayUrlConfig, loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadCinemaShowtimesConfig (env: Record<string, string | undefined> = process.env) {
  // GATEWAY_URL: where the movies service is asked whether a showtime's movies exist.
  return loadConfig({ ...databaseFileConfig('cinema-showtimes'), ...gatewayUrlConfig() }, env)
}

export type CinemaShowtimesConfig = ReturnType<typeof loadCinemaShowtimesConfig>
