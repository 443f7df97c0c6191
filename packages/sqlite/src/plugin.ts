import { fileURLToPath } from 'node:url'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { openDatabase, type Db } from './open.js'

export interface StorePluginOptions<S> {
  /** Plugin name (`<service>-store`), for other plugins' `dependencies`. */
  name: string
  /** The decorator the store is reachable under (`app.posts`). Declare its type in the service. */
  decorator: string
  /** The service's migrations folder, as a URL relative to the module (`new URL('../migrations', import.meta.url)`). */
  migrations: URL
  createStore: (db: Db) => S
}

/**
 * One SQLite database behind one store object: opened and migrated at registration, a
 * readiness check, and closed when the app closes. Services differ only in the store; the
 * database file is given at registration (`app.register(postsStore, { file })`).
 */
export function sqliteStore<S> (options: StorePluginOptions<S>) {
  const migrations = fileURLToPath(options.migrations)
  return fp(
    async (app: FastifyInstance, opts: { file: string }) => {
      const db = openDatabase(opts.file, { migrations })
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
