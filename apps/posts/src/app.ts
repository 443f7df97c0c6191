import { fileURLToPath } from 'node:url'
import type { FastifyServerOptions } from 'fastify'
import { createService } from '@platform/kit'
import { sqliteStore } from '@platform/sqlite'
import type { PostsConfig } from './config.js'
import { createPostsStore, type PostsStore } from './posts-store.js'
import postsRoutes from './routes/posts.js'

declare module 'fastify' {
  interface FastifyInstance {
    posts: PostsStore
  }
}

const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url))

/** The posts service, ready to inject into or listen: it never listens itself. */
export async function buildApp(config: PostsConfig, fastify?: Partial<FastifyServerOptions>) {
  const app = await createService({
    name: 'posts',
    codePrefix: 'POSTS',
    prefix: '/posts',
    title: 'Posts',
    description: 'Posts of the community site: create, read, delete, and newest-first lists per community.',
    version: '1.0.0',
    tags: [{ name: 'posts', description: 'Posts in communities' }],
    config,
    ...(fastify ? { fastify } : {})
  })
  await app.register(
    sqliteStore({
      name: 'posts-store',
      decorator: 'posts',
      file: config.DATABASE_FILE,
      migrations: MIGRATIONS,
      createStore: (db) => createPostsStore(db)
    })
  )
  await app.register(postsRoutes)
  return app
}
