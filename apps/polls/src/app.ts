import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { PollsConfig } from './config.js'
import { pollsStore } from './polls-store.js'
import pollsRoutes from './routes/polls.js'
import votesRoutes from './routes/votes.js'

export const meta: ServiceMeta = {
  name: 'polls',
  prefix: '/polls',
  title: 'Polls',
  description: 'Polls of the community site: a question with 2 to 10 responses, one final vote per user per poll, live results, and word search on titles.',
  version: '1.0.0',
  tags: [
    { name: 'polls', description: 'Polls: create, read, list and search' },
    { name: 'votes', description: 'Votes in a poll and its results' }
  ]
}

/** The polls service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: PollsConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(pollsStore, { file: config.DATABASE_FILE })
  await app.register(pollsRoutes)
  await app.register(votesRoutes)
  return app
}
