import { fileURLToPath } from 'node:url'
import type { FastifyServerOptions } from 'fastify'
import { createService } from '@platform/kit'
import { sqliteStore } from '@platform/sqlite'
import type { VotesConfig } from './config.js'
import { createVotesStore, type VotesStore } from './votes-store.js'
import votesRoutes from './routes/votes.js'
import rankingsRoutes from './routes/rankings.js'

declare module 'fastify' {
  interface FastifyInstance {
    votes: VotesStore
  }
}

const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url))

/** The votes service, ready to inject into or listen: it never listens itself. */
export async function buildApp(config: VotesConfig, fastify?: Partial<FastifyServerOptions>) {
  const app = await createService({
    name: 'votes',
    codePrefix: 'VOTES',
    prefix: '/votes',
    title: 'Votes',
    description: 'Up- and downvotes on posts: one vote per user per post, live per-post tallies, top posts and sorting by score.',
    version: '1.0.0',
    tags: [
      { name: 'votes', description: 'Casting votes and reading a post\'s counts' },
      { name: 'rankings', description: 'Posts ordered by score' }
    ],
    config,
    ...(fastify ? { fastify } : {})
  })
  await app.register(
    sqliteStore({
      name: 'votes-store',
      decorator: 'votes',
      file: config.DATABASE_FILE,
      migrations: MIGRATIONS,
      createStore: (db) => createVotesStore(db)
    })
  )
  await app.register(votesRoutes)
  await app.register(rankingsRoutes)
  return app
}
