import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { LikesConfig } from './config.js'
import { createRedisStore } from './redis-store.js'
import { createSqliteStore } from './sqlite-store.js'
import type { LikesStore } from './store.js'

declare module 'fastify' {
  interface FastifyInstance {
    likes: LikesStore
  }
}

/**
 * The likes store as a plugin: `app.likes`, Redis or SQLite as the configuration chose. Boot
 * waits a little for Redis, never for good: while it is away, requests answer 503 and
 * readiness fails, and the client reconnects by itself. Readiness names the store (`likes-store:redis`).
 */
export const likesStore = fp(
  async (app: FastifyInstance, opts: { config: LikesConfig }) => {
    const { config } = opts
    const choice = config.store
    const store = choice.kind === 'redis'
      ? await createRedisStore({ target: choice.target, keyPrefix: config.REDIS_KEY_PREFIX, commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS, log: app.log })
      : createSqliteStore(choice.file)
    app.log.info({ store: store.where }, `likes kept in ${store.kind}`)
    app.decorate('likes', store)
    app.addReadinessCheck(`likes-store:${store.kind}`, () => store.ping())
    app.addHook('onClose', async () => {
      await store.close()
    })
  },
  { name: 'likes-store', dependencies: ['kit-health'], fastify: '5.x' }
)
