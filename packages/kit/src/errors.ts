import { STATUS_CODES } from 'node:http'
import createError from '@fastify/error'
import type { IncomingMessage } from 'node:http'
import type { FastifyError, FastifyInstance } from 'fastify'

export { createError }

export interface ErrorBody {
  statusCode: number
  error: string
  message: string
  code: string
}

export function errorBody(statusCode: number, message: string, code: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, code }
}

// How much of an oversized body is read and thrown away before the 413 goes out.
const DRAIN_MAX_BYTES = 8 * 1024 * 1024
const DRAIN_MAX_MS = 3000

/**
 * Reads the rest of a request body and discards it. Fastify answers a too-large body at once
 * and closes the connection; closing a socket with unread data makes the kernel send a reset,
 * which can destroy the 413 before a proxy (Traefik) has read it: the client then sees a 502.
 * Past the caps the connection is closed anyway (a client streaming forever gets nothing more).
 */
function drain(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    let bytes = 0
    const done = () => {
      clearTimeout(timer)
      req.off('data', onData)
      req.off('end', done)
      req.off('error', done)
      req.off('close', done)
      resolve()
    }
    const onData = (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes > DRAIN_MAX_BYTES) done()
    }
    const timer = setTimeout(done, DRAIN_MAX_MS)
    req.on('data', onData)
    req.on('end', done)
    req.on('error', done)
    req.on('close', done)
    req.resume()
  })
}

/**
 * The single place errors become responses. Client errors keep their message and code;
 * server errors are logged with the request's context and answered without details.
 */
export function installErrorHandling(app: FastifyInstance, codePrefix: string): void {
  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    let status = err.statusCode ?? 500
    if (err.validation) status = 400
    if (status < 400 || status > 599) status = 500

    if (status >= 500) {
      request.log.error({ err }, 'request failed')
      return reply.code(status).send(errorBody(status, 'Internal Server Error', `${codePrefix}_INTERNAL`))
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') await drain(request.raw)
    const code = err.validation ? 'FST_ERR_VALIDATION' : (err.code ?? `${codePrefix}_BAD_REQUEST`)
    request.log.info({ code, message: err.message }, 'client error')
    return reply.code(status).send(errorBody(status, err.message, code))
  })

  app.setNotFoundHandler((request, reply) => {
    return reply
      .code(404)
      .send(errorBody(404, `Route ${request.method} ${request.url.split('?')[0]} not found`, 'ROUTE_NOT_FOUND'))
  })
}
