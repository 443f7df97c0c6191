// Kept in the compiled declarations: the route schema options @fastify/swagger adds (`hide`,
// `tags`) reach the services that build on the kit.
/// <reference types="@fastify/swagger" preserve="true" />
import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { pino, type DestinationStream } from 'pino'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { BaseConfig } from './config.js'
import docs from './docs.js'
import loadShedding from './load-shedding.js'
import health from './health.js'
import { installErrorHandling } from './error-handler.js'
import { createValidatorCompiler, formatSchemaErrors } from './validation.js'
import { clientErrorHandler, frameworkErrors, installRequestChecks } from './http-edge.js'
import { installRouteRules } from './route-rules.js'
import { installUnicodeCheck } from './unicode.js'
import { installContentDecoding } from './content-encoding.js'
import { RequestLog } from './request-log.js'

/** Who a service is: the same fields for every service, given once in its app.ts. */
export interface ServiceMeta {
  /** Short name: logs, X-Instance, health, error-code prefix (`stats` -> `STATS_...`). */
  name: string
  /** Path prefix the service owns at the gateway (`/stats`). */
  prefix: string
  title: string
  description: string
  version: string
  tags: { name: string, description: string }[]
  /**
   * Writes the gateway lets through without a token: `true` for all (the stats service keeps the
   * course's open API), or `METHOD /exact/path` entries (sign-up and sign-in). Every other write
   * through the gateway needs `Authorization: Bearer <token>`; reads never do.
   */
  openWrites?: true | string[]
  /** Where Swagger UI at /docs reads its configuration instead (the gateway's docs: a picker over every spec). */
  docsConfigUrl?: string
}

/** The second argument of every service's `buildApp(config, options)`. */
export interface BuildOptions {
  /** Extra Fastify options (a test passes `logger: false`, say). */
  fastify?: Partial<FastifyServerOptions>
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Who this is, for runService's registration with the registry. */
    serviceInfo: { name: string, prefix: string, instance: string, openWrites?: true | string[] | undefined }
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** A client's x-request-id when it is safe to log and echo: 1..128 letters, digits, `.`, `_`, `:`, `-`. */
export function acceptedRequestId (header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : undefined
}

/** `<service>@<host>:<port>`: which process answered, for load-balancing checks and logs. */
export function instanceName (name: string, port: number): string {
  return `${name}@${hostname()}:${port}`
}

let destination: DestinationStream | undefined

/**
 * Standard output, written asynchronously: pino's default writes each line with its own
 * synchronous write(2), two per request, which cost more than the request's socket write on
 * this VM. Asynchronous, lines written while a write is in flight go out together in the next
 * one (none wait when the service is quiet), and pino flushes what is left when the process
 * exits. One per process: every app built in it shares standard output.
 */
function logDestination (): DestinationStream {
  destination ??= pino.destination({ dest: 1, sync: false })
  return destination
}

/**
 * A Fastify instance with everything every service has. The service then registers its
 * resources and routes on it; nothing here listens (see runService).
 */
export async function createService (meta: ServiceMeta, config: BaseConfig, options: BuildOptions = {}) {
  const instance = instanceName(meta.name, config.PORT)
  const headersTimeout = Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS)
  const app = Fastify({
    // One log for the whole platform: every line names its service and instance, and a
    // request's lines carry `request_id` (Fastify's `reqId`), the id upstream() passes on; each
    // request is one line when answered (RequestLog).
    logger: { level: config.LOG_LEVEL, base: { service: meta.name, instance }, stream: logDestination() },
    logController: new RequestLog({ requestIdLogLabel: 'request_id' }),
    bodyLimit: config.BODY_LIMIT,
    // x-request-id is taken only when short and plain (it goes into every log line and back to
    // the client); anything else is replaced by a fresh id.
    requestIdHeader: false,
    genReqId: (req) => acceptedRequestId(req.headers['x-request-id']) ?? randomUUID(),
    // Let in-flight requests finish on close; idle keep-alive sockets are closed at once.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    schemaErrorFormatter: formatSchemaErrors,
    // A client that stalls or trickles gets a 408 (clientErrorHandler) and its connection closed.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout,
      // How often Node looks for expired requests (its default, 30 s, would stretch every limit).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
      // A request without Host is refused by the kit (installRequestChecks) in the platform's shape.
      requireHostHeader: false
    },
    clientErrorHandler: clientErrorHandler(instance),
    frameworkErrors: frameworkErrors(instance),
    ...options.fastify
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('serviceInfo', { name: meta.name, prefix: meta.prefix, instance, openWrites: meta.openWrites })
  // JSON in, JSON out: a text/plain body is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain')
  app.setValidatorCompiler(createValidatorCompiler())
  installErrorHandling(app, meta.name)

  // Every hook that runs on each request is a plain callback, not an async function: an async
  // hook costs a promise and a microtask turn per request, a measurable share of a small answer.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    reply.header('x-instance', instance)
    done()
  })
  installRequestChecks(app, meta.name)
  installRouteRules(app, { min: config.BODY_LIMIT, max: Math.max(config.BODY_LIMIT, config.BODY_LIMIT_MAX) })
  installContentDecoding(app)
  installUnicodeCheck(app)

  await app.register(loadShedding, { service: meta.name, maxEventLoopDelayMs: config.SHED_EVENT_LOOP_DELAY_MS })
  await app.register(docs, { ...meta, configUrl: meta.docsConfigUrl })
  await app.register(health, { service: meta.name, instance })
  return app
}
