import { join } from 'node:path'
import { Type } from 'typebox'
import { DATA_DIR } from '@platform/kit'

/**
 * The DATABASE_FILE setting of a one-database service: `<repo>/data/<service>.db` by default,
 * wherever the process is started from. Spread into the properties given to loadConfig.
 */
export function databaseFileConfig (service: string) {
  return {
    DATABASE_FILE: Type.String({ minLength: 1, default: join(DATA_DIR, `${service}.db`) })
  }
}
