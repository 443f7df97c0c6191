import type { FastifyRequest } from 'fastify'
import { createService, upstream, type BuildOptions, type ServiceMeta } from '@platform/kit'
import type { DocsConfig } from './config.js'
import gatewayErrorsRoutes from './routes/gateway-errors.js'
import pickerRoutes, { type Spec } from './routes/picker.js'

export const meta: ServiceMeta = {
  name: 'docs',
  prefix: '/docs',
  title: 'Platform API docs',
  description: 'The API documentation of every service behind the gateway.',
  version: '1.0.0',
  tags: [{ name: 'docs', description: 'The picker over every service spec' }, { name: 'gateway', description: 'What the gateway answers for the errors it makes itself' }]
}

interface Registered { service: string, prefix: string }

/**
 * The specs to offer: DOCS_SERVICES when set, else every service registered now (asked of the
 * service registry at each page load), each fetched through the gateway at `<prefix>/openapi.json`.
 */
function specSource (config: DocsConfig): (request: FastifyRequest) => Promise<Spec[]> {
  if (config.DOCS_SERVICES !== undefined) {
    const fixed = config.DOCS_SERVICES.split(',').map((s) => s.trim()).filter(Boolean).map((name) => ({ name, url: `/${name}/openapi.json` }))
    return async () => fixed
  }
  const registry = upstream(meta.name, config.REGISTRY_URL)
  // The page load's request id goes along: the registry's log lines join the picker's.
  return async (request) => {
    const { body } = await registry.get<{ instances: Registered[] }>('/registry/instances?limit=1000', request)
    const specs = new Map<string, Spec>()
    for (const i of body.instances) if (i.service !== meta.name) specs.set(i.service, { name: i.service, url: `${i.prefix}/openapi.json` })
    return [...specs.values()].sort((a, b) => a.name.localeCompare(b.name))
  }
}

/**
 * Swagger UI at the gateway's /docs with a picker over every service's spec, each fetched
 * through the gateway, so "Try it out" goes through it too; the gateway's root redirect and the
 * JSON bodies of the errors the gateway makes itself.
 */
export async function buildApp (config: DocsConfig, options: BuildOptions = {}) {
  const app = await createService({ ...meta, docsConfigUrl: '/docs/config.json' }, config, options)
  await app.register(pickerRoutes, { specs: specSource(config) })
  await app.register(gatewayErrorsRoutes)
  return app
}
