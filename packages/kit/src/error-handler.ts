import type { FastifyError, FastifyInstance } from 'fastify'
import { codePrefix, errorBody } from './error-shape.js'
import { drainBody } from './drain-body.js'

/**
 * The single place errors become responses. Client errors keep their message and code;
 * server errors are logged with the request's context and answered without details.
 */
export function installErrorHandling (app: FastifyInstance, service: string): void {
  const prefix = codePrefix(service)
  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    let status = err.statusCode ?? 500
    if (err.validation) status = 400
    if (status < 400 || status > 599) status = 500

    // As Fastify's own handler does: an error may carry headers for its answer (a 503's Retry-After).
    const headers = (err as { headers?: Record<string, string> }).headers
    if (headers) reply.headers(headers)

    if (status >= 500) {
      request.log.error({ err }, 'request failed')
      // A bug's details stay in the log. A deliberate 502/503/504 (a coded error: an upstream
      // down, a lock held too long) tells the client what happened and that it may retry.
      if (status === 500 || !err.code) return reply.code(500).send(errorBody(500, 'Internal Server Error', `${prefix}_INTERNAL`))
      if (status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '1')
      return reply.code(status).send(errorBody(status, err.message, err.code))
    }
    // Answered before the body was read (too large, badly encoded...): read the rest first.
    if (!request.raw.complete) await drainBody(request.raw)
    const code = err.validation ? 'FST_ERR_VALIDATION' : (err.code ?? `${prefix}_BAD_REQUEST`)
    request.log.info({ code, message: err.message }, 'client error')
    return reply.code(status).send(errorBody(status, err.message, code))
  })

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]
    return reply.code(404).send(errorBody(404, `Route ${request.method} ${path} not found`, `${prefix}_ROUTE_NOT_FOUND`))
  })
}
