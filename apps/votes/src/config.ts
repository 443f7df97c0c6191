import { fileURLToPath } from 'node:url'
import { Type } from 'typebox'
import { loadConfig } from '@platform/kit'

// <repo>/data/votes.db, wherever the process is started from.
const DEFAULT_DATABASE = fileURLToPath(new URL('../../../data/votes.db', import.meta.url))

export const configProperties = {
  DATABASE_FILE: Type.String({ minLength: 1, default: DEFAULT_DATABASE })
}

export function loadVotesConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(configProperties, env)
}

export type VotesConfig = ReturnType<typeof loadVotesConfig>
