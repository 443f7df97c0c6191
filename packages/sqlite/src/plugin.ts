import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { openDatabase, type Db } from './open.js'

export interface StorePluginOptions<S> {
  /** Plugin name, for other plugins' `dependencies`. */
  name: string
  /** The decorator the store is reachable under (`app.posts`). Declare its type in the service. */
  decorator: string
  file: string
  migrations: string
  createStore: (db: Db) => S
}

/**
 * One SQLite database behind one store object: opened and migrated at registration,
 * a readiness check, and closed when the app closes. Services differ only in the store.
 */
export function sqliteStore<S>(options: StorePluginOptions<S>) {
  return fp(
    async (app: FastifyInstance) => {
      const db = openDatabase(options.file, { migrations: options.migrations })
      const ping = db.prepare('SELECT 1')
      app.decorate(options.decorator, options.createStore(db) as never)
      app.addReadinessCheck(options.name, () => {
        ping.get()
      })
      app.addHook('onClose', async () => {
        db.close()
      })
    },
    { name: options.name, dependencies: ['kit-health'], fastify: '5.x' }
  )
}
