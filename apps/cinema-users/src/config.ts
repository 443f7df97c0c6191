import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadCinemaUsersConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('cinema-users'), env)
}

export type CinemaUsersConfig = ReturnType<typeof loadCinemaUsersConfig>
