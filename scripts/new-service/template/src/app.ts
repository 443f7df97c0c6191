import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { __Pascal__Config } from './config.js'
import { __camel__Store } from './__name__-store.js'
import itemsRoutes from './routes/items.js'

export const meta: ServiceMeta = {
  name: '__name__',
  prefix: '__prefix__',
  title: '__Title__',
  description: '__Title__ of the platform: TODO say what the service owns.',
  version: '1.0.0',
  tags: [{ name: 'items', description: 'TODO: the resource' }]
}

/** The __name__ service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: __Pascal__Config, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(__camel__Store, { file: config.DATABASE_FILE })
  await app.register(itemsRoutes)
  return app
}
