import { STATUS_CODES } from 'node:http'
import createError from '@fastify/error'
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

/**
 * The single place errors become responses. Client errors keep their message and code;
 * server errors are logged with the request's context and answered without details.
 */
export function installErrorHandling(app: FastifyInstance, codePrefix: string): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status = err.statusCode ?? 500
    if (err.validation) status = 400
    if (status < 400 || status > 599) status = 500

    if (status >= 500) {
      request.log.error({ err }, 'request failed')
      return reply.code(status).send(errorBody(status, 'Internal Server Error', `${codePrefix}_INTERNAL`))
    }
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
