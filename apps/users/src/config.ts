import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadUsersConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('users'), env)
}

export type UsersConfig = ReturnType<typeof loadUsersConfig>
