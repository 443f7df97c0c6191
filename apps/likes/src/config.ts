import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadLikesConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('likes'), env)
}

export type LikesConfig = ReturnType<typeof loadLikesConfig>
