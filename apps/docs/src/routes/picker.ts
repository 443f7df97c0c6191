import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'

export interface Spec {
  name: string
  url: string
}

const SwaggerConfig = Type.Object({
  urls: Type.Array(Type.Object({ name: Type.String(), url: Type.String() }))
})

/** Swagger UI's remote configuration (its `configUrl`): the picker's list, read at every page load. */
const pickerRoutes: FastifyPluginAsyncTypebox<{ specs: (request: FastifyRequest) => Promise<Spec[]> }> = async (app, opts) => {
  app.get('/docs/config.json', {
    schema: {
      tags: ['docs'],
      summary: 'The specs the Swagger UI picker offers: every service behind the gateway',
      response: { 200: SwaggerConfig, ...errorResponses(503) }
    }
  }, async (request) => ({ urls: await opts.specs(request) }))
}

export default pickerRoutes
