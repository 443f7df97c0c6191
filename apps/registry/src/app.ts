import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { RegistryConfig } from './config.js'
import { registryStore } from './registry-store.js'
import healthChecker from './health-checker.js'
import instancesRoutes from './routes/instances.js'

export const meta: ServiceMeta = {
  name: 'registry',
  prefix: '/registry',
  title: 'Service registry',
  description: 'Where every service instance registers itself; health checks; the gateway\'s routes.',
  version: '1.0.0',
  tags: [
    { name: 'instances', description: 'Registered instances' },
    { name: 'health checks', description: 'The health of a service' },
    { name: 'gateway', description: 'What Traefik routes' }
  ]
}

/** The registry service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: RegistryConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(registryStore, { file: config.DATABASE_FILE })
  await app.register(healthChecker, {
    intervalMs: config.CHECK_INTERVAL_MS,
    timeoutMs: config.CHECK_TIMEOUT_MS,
    deregisterAfterMs: config.DEREGISTER_AFTER_MS
  })
  await app.register(instancesRoutes, { gatewayUrl: config.GATEWAY_URL })
  return app
}
