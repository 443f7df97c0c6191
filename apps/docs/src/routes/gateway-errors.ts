import { STATUS_CODES } from 'node:http'
import { Type } from 'typebox'
import { errorBody, errorResponses, ErrorResponse, GATEWAY_ERRORS, type FastifyPluginAsyncTypebox } from '@platform/kit'

/**
 * What the gateway answers for errors it makes itself (Traefik's `errors` middleware asks for
 * these pages): the platform's JSON error shape, `GATEWAY_<NAME>` codes, instead of Traefik's
 * plain text. Each says what happened and what a client may do (the list: the kit's GATEWAY_ERRORS).
 */
const PAGES = new Map(GATEWAY_ERRORS.map((e) => [e.status, e]))

const StatusParams = Type.Object({ status: Type.Integer({ minimum: 400, maximum: 599, description: 'The status the gateway answers with' }) })

const gatewayErrorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/docs/gateway-errors/:status', {
    schema: {
      tags: ['gateway'],
      summary: 'The JSON body of an error the gateway makes itself (its errors middleware asks for it)',
      params: StatusParams,
      response: { '4xx': ErrorResponse, '5xx': ErrorResponse, ...errorResponses(400) }
    },
    logLevel: 'warn'
  }, async (request, reply) => {
    const { status } = request.params
    const { code, message } = PAGES.get(status) ?? { code: (STATUS_CODES[status] ?? 'ERROR').toUpperCase().replace(/[^A-Z]+/g, '_'), message: STATUS_CODES[status] ?? 'Error' }
    if (status === 429) reply.header('retry-after', '1')
    return reply.code(status).send(errorBody(status, message, `GATEWAY_${code}`))
  })

  // The gateway's root leads to the docs of every service: a relative Location, so no Host
  // header a client sends can send anyone elsewhere.
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/docs/', 302))
}

export default gatewayErrorsRoutes
