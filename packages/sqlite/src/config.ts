import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Type } from 'typebox'

/** <repo>/data: where a service keeps its database unless told otherwise (git-ignored). */
export const DATA_DIR = fileURLToPath(new URL('../../../data', import.meta.url))

/**
 * The DATABASE_FILE setting of a one-database service: `<repo>/data/<service>.db` by default,
 * wherever the process is started from. Spread into the properties given to loadConfig.
 */
export function databaseFileConfig(service: string) {
  return {
    DATABASE_FILE: Type.String({ minLength: 1, default: join(DATA_DIR, `${service}.db`) })
  }
}
