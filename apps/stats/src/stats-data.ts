import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { openLayout, type Layout } from './layout/open.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The users database and the games shards. */
    layout: Layout
  }
}

/** Opens the shard layout at boot, checks it on readiness, closes it with the app. */
export default fp(
  async (app: FastifyInstance, opts: { dir: string; shardCount: number }) => {
    const layout = openLayout(opts.dir, opts.shardCount)
    app.decorate('layout', layout)
    const pings = [layout.usersDb, ...layout.shards.dbs].map((db) => db.prepare('SELECT 1'))
    app.addReadinessCheck('databases', () => {
      for (const ping of pings) ping.get()
    })
    app.addHook('onClose', async () => layout.close())
  },
  { name: 'stats-data', dependencies: ['kit-health'], fastify: '5.x' }
)
