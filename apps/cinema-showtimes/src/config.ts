import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadCinemaShowtimesConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('cinema-showtimes'), env)
}

export type CinemaShowtimesConfig = ReturnType<typeof loadCinemaShowtimesConfig>
