import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function load__Pascal__Config (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('__name__'), env)
}

export type __Pascal__Config = ReturnType<typeof load__Pascal__Config>
