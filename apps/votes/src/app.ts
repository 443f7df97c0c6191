import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { VotesConfig } from './config.js'
import { votesStore } from './votes-store.js'
import votesRoutes from './routes/votes.js'
import rankingsRoutes from './routes/rankings.js'

export const meta: ServiceMeta = {
  name: 'votes',
  prefix: '/votes',
  title: 'Votes',
  description: 'Up- and downvotes on posts: one vote per user per post, live per-post tallies, top posts and sorting by score.',
  version: '1.0.0',
  tags: [
    { name: 'votes', description: 'Casting votes and reading a post\'s counts' },
    { name: 'rankings', description: 'Posts ordered by score' }
  ],
  // Sorting post ids by score is a read that takes a body: no token needed.
  openWrites: ['POST /votes/sort']
}

/** The votes service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: VotesConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(votesStore, { file: config.DATABASE_FILE })
  await app.register(votesRoutes)
  await app.register(rankingsRoutes)
  return app
}
