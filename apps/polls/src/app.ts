import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { PollsConfig } from './config.js'
import { pollsStore } from './polls-store.js'
import itemsRoutes from './routes/items.js'

export const meta: ServiceMeta = {
  name: 'polls',
  prefix: '/polls',
  title: 'Polls',
  description: 'Polls of the platform: TODO say what the service owns.',
  version: '1.0.0',
  tags: [{ name: 'items', description: 'TODO: the resource' }]
}

/** The polls service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: PollsConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(pollsStore, { file: config.DATABASE_FILE })
  await app.register(itemsRoutes)
  return app
}
