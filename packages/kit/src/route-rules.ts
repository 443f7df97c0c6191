import type { FastifyInstance, RouteOptions } from 'fastify'
import { maxJsonBytes } from './body-size.js'

export interface BodyLimits {
  /** The floor, and the limit of a route whose body schema bounds nothing. */
  min: number
  /** No route's limit goes above it. */
  max: number
}

const NO_PARAMETERS = { type: 'object', properties: {}, additionalProperties: false }

/**
 * What every route gets from the kit, whatever its author wrote:
 * - a body limit that fits every valid body (the worst case of its body schema, see
 *   body-size.ts), between `limits.min` and `limits.max`; a route's own `bodyLimit` wins;
 * - unknown query parameters refused: a route without a querystring schema takes none, an
 *   object schema that does not say otherwise takes only its properties. Hidden routes (the
 *   docs' pages and files) are left alone.
 */
export function installRouteRules (app: FastifyInstance, limits: BodyLimits): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = (route.schema ?? {}) as Record<string, unknown>
    if (route.bodyLimit === undefined) {
      const worst = schema.body === undefined ? undefined : maxJsonBytes(schema.body)
      if (worst === undefined) {
        route.bodyLimit = limits.min
      } else {
        if (worst > limits.max) app.log.warn({ url: route.url, worst, limit: limits.max }, 'the largest valid bodies of this route are over BODY_LIMIT_MAX')
        route.bodyLimit = Math.min(limits.max, Math.max(limits.min, worst))
      }
    }

    if (schema.hide === true) return
    const query = schema.querystring as Record<string, unknown> | undefined
    if (query === undefined) {
      route.schema = { ...schema, querystring: NO_PARAMETERS }
    } else if (query.type === 'object' && query.additionalProperties === undefined) {
      route.schema = { ...schema, querystring: { ...query, additionalProperties: false } }
    }
  })
}
