import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadCinemaMoviesConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('cinema-movies'), env)
}

export type CinemaMoviesConfig = ReturnType<typeof loadCinemaMoviesConfig>
