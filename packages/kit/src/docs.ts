import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

export interface DocsOptions {
  title: string
  description: string
  version: string
  /** The service's path prefix at the gateway: its spec is also served at `<prefix>/openapi.json`. */
  prefix: string
  tags: { name: string; description: string }[]
  /** When given, Swagger UI loads its configuration (a picker over other specs, say) from there. */
  configUrl?: string | undefined
}

/** OpenAPI from the route schemas, Swagger UI at /docs, and the raw spec for the gateway's docs. */
async function docs (app: FastifyInstance, opts: DocsOptions) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: opts.title, description: opts.description, version: opts.version },
      tags: [...opts.tags, { name: 'health', description: 'Liveness and readiness' }]
    }
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true, ...(opts.configUrl ? { configUrl: opts.configUrl } : {}) }
  })
  app.get(`${opts.prefix}/openapi.json`, { schema: { hide: true } }, async () => app.swagger())
}

export default fp(docs, { name: 'kit-docs', fastify: '5.x' })
