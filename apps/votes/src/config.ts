import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadVotesConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('votes'), env)
}

export type VotesConfig = ReturnType<typeof loadVotesConfig>
