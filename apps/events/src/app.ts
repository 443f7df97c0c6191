import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { EventsConfig } from './config.js'
import { eventsStore } from './events-store.js'
import eventsRoutes from './routes/events.js'

export const meta: ServiceMeta = {
  name: 'events',
  prefix: '/events',
  title: 'Events',
  description: 'Events of the community: what, when and where; found by topic, time range and distance from a place.',
  version: '1.0.0',
  tags: [{ name: 'events', description: 'Events: create, read, change, delete, search' }]
}

/** The events service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: EventsConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(eventsStore, { file: config.DATABASE_FILE })
  await app.register(eventsRoutes)
  return app
}
