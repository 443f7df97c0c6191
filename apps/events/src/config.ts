import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadEventsConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('events'), env)
}

export type EventsConfig = ReturnType<typeof loadEventsConfig>
