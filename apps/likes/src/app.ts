import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { LikesConfig } from './config.js'
import { likesStore } from './likes-store.js'
import likesRoutes from './routes/likes.js'
import listsRoutes from './routes/lists.js'

export const meta: ServiceMeta = {
  name: 'likes',
  prefix: '/likes',
  title: 'Likes',
  description:
    'Likes on posts: one like per user per post, live counts, the posts a user likes and the most liked posts. ' +
    'Kept in Redis (atomic scripts), or in SQLite where there is no Redis, with the same contract.',
  version: '1.0.0',
  tags: [
    { name: 'likes', description: 'Liking a post, taking it back, counts' },
    { name: 'lists', description: 'A user\'s likes and the most liked posts' }
  ]
}

/** The likes service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: LikesConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(likesStore, { config })
  await app.register(likesRoutes)
  await app.register(listsRoutes)
  return app
}
