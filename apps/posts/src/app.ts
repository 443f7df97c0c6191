import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { PostsConfig } from './config.js'
import { postsStore } from './posts-store.js'
import postsRoutes from './routes/posts.js'

export const meta: ServiceMeta = {
  name: 'posts',
  prefix: '/posts',
  title: 'Posts',
  description: 'Posts of the community site: create, read, delete, and newest-first lists per community.',
  version: '1.0.0',
  tags: [{ name: 'posts', description: 'Posts in communities' }]
}

/** The posts service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: PostsConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(postsStore, { file: config.DATABASE_FILE })
  await app.register(postsRoutes)
  return app
}
