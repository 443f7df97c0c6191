import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadPollsConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('polls'), env)
}

export type PollsConfig = ReturnType<typeof loadPollsConfig>
