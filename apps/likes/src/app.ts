import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { LikesConfig } from './config.js'
import { likesStore } from './likes-store.js'
import itemsRoutes from './routes/items.js'

export const meta: ServiceMeta = {
  name: 'likes',
  prefix: '/likes',
  title: 'Likes',
  description: 'Likes of the platform: TODO say what the service owns.',
  version: '1.0.0',
  tags: [{ name: 'items', description: 'TODO: the resource' }]
}

/** The likes service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: LikesConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(likesStore, { file: config.DATABASE_FILE })
  await app.register(itemsRoutes)
  return app
}
