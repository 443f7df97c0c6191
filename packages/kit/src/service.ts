import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { BaseConfig } from './config.js'
import docs from './docs.js'
import health from './health.js'
import { installErrorHandling } from './errors.js'
import { createValidatorCompiler, formatSchemaErrors } from './validation.js'

export interface ServiceOptions {
  /** Short name: logs, X-Instance, health (`stats`). */
  name: string
  /** Upper-case prefix of this service's error codes (`STATS`). */
  codePrefix: string
  /** Path prefix the service owns at the gateway (`/stats`). */
  prefix: string
  title: string
  description: string
  version: string
  tags: { name: string; description: string }[]
  config: BaseConfig
  /** Extra Fastify options (tests pass `logger: false`, say). */
  fastify?: Partial<FastifyServerOptions>
  /** Specs Swagger UI at /docs offers instead of this service's own (the gateway's docs). */
  docsUrls?: { url: string; name: string }[]
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Who this is, for runService's announcement to the gateway. */
    serviceInfo: { name: string; prefix: string; instance: string }
  }
}

/** `<service>@<host>:<port>`: which process answered, for load-balancing checks and logs. */
export function instanceName(name: string, port: number): string {
  return `${name}@${hostname()}:${port}`
}

/**
 * A Fastify instance with everything every service has. The service then registers its
 * resources and routes on it; nothing here listens (see runService).
 */
export async function createService(opts: ServiceOptions) {
  const instance = instanceName(opts.name, opts.config.PORT)
  const app = Fastify({
    logger: { level: opts.config.LOG_LEVEL, base: { service: opts.name, instance } },
    bodyLimit: opts.config.BODY_LIMIT,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Let in-flight requests finish on close; idle keep-alive sockets are closed at once.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    schemaErrorFormatter: formatSchemaErrors,
    ...opts.fastify
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('serviceInfo', { name: opts.name, prefix: opts.prefix, instance })
  // JSON in, JSON out: a text/plain body is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain')
  app.setValidatorCompiler(createValidatorCompiler())
  installErrorHandling(app, opts.codePrefix)

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
    reply.header('x-instance', instance)
  })

  await app.register(docs, {
    title: opts.title,
    description: opts.description,
    version: opts.version,
    prefix: opts.prefix,
    tags: opts.tags,
    urls: opts.docsUrls
  })
  await app.register(health, { service: opts.name, instance })
  return app
}
