import { join } from 'node:path'
import { Type } from 'typebox'
import { loadConfig, REPO_ROOT } from '@platform/kit'

/** <repo>/shards: the stats layout of the checkout (git-ignored data). */
export const DEFAULT_SHARDS_DIR = join(REPO_ROOT, 'shards')

export const statsConfigProperties = {
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3100 }),
  SHARDS_DIR: Type.String({ default: DEFAULT_SHARDS_DIR, minLength: 1 }),
  SHARD_COUNT: Type.Integer({ minimum: 1, maximum: 64, default: 3 })
}

export function loadStatsConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(statsConfigProperties, env)
}

export type StatsConfig = ReturnType<typeof loadStatsConfig>
