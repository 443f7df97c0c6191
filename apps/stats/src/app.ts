import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { StatsConfig } from './config.js'
import statsData from './stats-data.js'
import usersRoutes from './routes/users.js'
import gamesRoutes from './routes/games.js'
import leaderboardsRoutes from './routes/leaderboards.js'

export const meta: ServiceMeta = {
  name: 'stats',
  prefix: '/stats',
  title: 'Wordle statistics',
  description: 'Win/loss statistics of Wordle players. Games are sharded by user id across SQLite databases.',
  version: '1.0.0',
  tags: [
    { name: 'users', description: 'Players' },
    { name: 'games', description: 'Finished games' },
    { name: 'stats', description: "A player's statistics" },
    { name: 'leaderboards', description: 'Top players across all shards' }
  ],
  // The course's open API: no token for writes through the gateway.
  openWrites: true
}

/** The stats service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: StatsConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(statsData, { dir: config.SHARDS_DIR, shardCount: config.SHARD_COUNT })
  await app.register(usersRoutes)
  await app.register(gamesRoutes)
  await app.register(leaderboardsRoutes)
  return app
}
