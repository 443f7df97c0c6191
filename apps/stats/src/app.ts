import { createService } from '@platform/kit'
import type { StatsConfig } from './config.js'
import statsData from './stats-data.js'
import users from './routes/users.js'
import games from './routes/games.js'
import leaderboards from './routes/leaderboards.js'

/** The stats service, ready to inject into or listen; it never listens itself. */
export async function buildApp(config: StatsConfig) {
  const app = await createService({
    name: 'stats',
    codePrefix: 'STATS',
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
    config
  })
  await app.register(statsData, { dir: config.SHARDS_DIR, shardCount: config.SHARD_COUNT })
  await app.register(users)
  await app.register(games)
  await app.register(leaderboards)
  return app
}
