import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadMessagesConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('messages'), env)
}

export type MessagesConfig = ReturnType<typeof loadMessagesConfig>
