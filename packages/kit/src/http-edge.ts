import { randomUUID } from 'node:crypto'
import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { codePrefix, errorBody } from './error-shape.js'

/**
 * Errors Node or Fastify answer before any route, hook or error handler of the kit runs: a
 * request that is not HTTP (an unknown or lower-case method, a header over 16 KiB, a bad chunk
 * size), a request that stalls (408), a path Fastify cannot decode, CONNECT. Answered here in
 * the platform's shape, with x-request-id and X-Instance like every other answer.
 */

function rawAnswer (status: number, code: string, message: string, instance: string): string {
  const body = JSON.stringify(errorBody(status, message, code))
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `x-request-id: ${randomUUID()}\r\n` +
    `x-instance: ${instance}\r\n` +
    'Connection: close\r\n\r\n' + body
}

interface ParserError extends Error {
  code: string
  reason?: string
}

/** Fastify's `clientErrorHandler`: Node's parser gave up on the connection (or it stalled). */
export function clientErrorHandler (instance: string) {
  // Fastify calls it with `this` the server instance.
  return function (this: FastifyInstance, err: ParserError, socket: Socket) {
    // A reset: nobody is left to answer.
    if (err.code === 'ECONNRESET' || socket.destroyed) return
    let status = 400
    let message = `The request is not valid HTTP/1.1: ${err.reason ?? err.message}`
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      status = 408
      message = 'The request did not arrive in time'
    } else if (err.code === 'HPE_HEADER_OVERFLOW') {
      status = 431
      message = 'The request line and headers are over 16 KiB'
    }
    const code = /^[A-Z0-9_]{1,64}$/.test(err.code ?? '') ? err.code : 'HPE_ERROR'
    this.log.info({ code, status }, 'client error')
    // As Node does: write only while no answer of the request has started.
    const pending = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage
    if (socket.writable && !pending?.headersSent) socket.write(rawAnswer(status, code, message, instance))
    socket.destroy()
  }
}

/** Fastify's `frameworkErrors`: a path it cannot decode, a parameter over maxParamLength. */
export function frameworkErrors (instance: string) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (err.statusCode ?? 400)
    const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? `A path segment of ${request.url.split('?')[0]!.slice(0, 120)}... is over 100 characters`
      : err.message
    request.log.info({ code: err.code, message }, 'client error')
    return reply
      .header('x-request-id', request.id)
      .header('x-instance', instance)
      .code(status)
      .send(errorBody(status, message, err.code ?? 'FST_ERR_BAD_URL'))
  }
}

function badUrl (message: string): Error {
  return Object.assign(new Error(message), { statusCode: 400, code: 'FST_ERR_BAD_URL' })
}

// Every %-escape is two hex digits and every escaped byte sequence is UTF-8.
function queryIsWellFormed (query: string): boolean {
  try {
    decodeURIComponent(query)
    return true
  } catch {
    return false
  }
}

/**
 * onRequest checks of what the router let through: exactly one Host header on HTTP/1.1 (two
 * may route differently at a proxy and here), and a query string whose escapes decode (the
 * query parser would otherwise keep `%zz` as text).
 */
export function installRequestChecks (app: FastifyInstance, service: string): void {
  const prefix = codePrefix(service)
  // A callback hook, not async: it runs on every request (see service.ts).
  app.addHook('onRequest', (request, _reply, done) => {
    const raw = request.raw as IncomingMessage
    let hosts = 0
    const headers = raw.rawHeaders
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i]!
      if (name.length === 4 && name.toLowerCase() === 'host') hosts++
    }
    if (hosts > 1 || (hosts === 0 && raw.httpVersion === '1.1')) {
      return done(Object.assign(new Error(hosts > 1 ? 'The request has more than one Host header' : 'An HTTP/1.1 request needs a Host header'), {
        statusCode: 400,
        code: `${prefix}_BAD_HOST`
      }))
    }
    const url = raw.url ?? ''
    const q = url.indexOf('?')
    if (q >= 0 && url.includes('%', q) && !queryIsWellFormed(url.slice(q + 1))) {
      return done(badUrl(`The query string of ${url.slice(0, q).slice(0, 200)} has a malformed %-escape or one that is not UTF-8`))
    }
    done()
  })

  // CONNECT never reaches a route: Node hands the socket over to a 'connect' listener.
  app.server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => {})
    socket.end(rawAnswer(405, `${prefix}_METHOD_NOT_ALLOWED`, 'CONNECT is not served here', app.serviceInfo.instance))
  })
}
