import { fileURLToPath } from 'node:url'
import { Type } from 'typebox'
import { loadConfig } from '@platform/kit'

/** <repo>/data/messages.db unless DATABASE_FILE says otherwise. */
export const defaultDatabaseFile = fileURLToPath(new URL('../../../data/messages.db', import.meta.url))

export const configProperties = {
  DATABASE_FILE: Type.String({ minLength: 1, default: defaultDatabaseFile })
}

export type MessagesConfig = ReturnType<typeof loadMessagesConfig>

export function loadMessagesConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(configProperties, env)
}
