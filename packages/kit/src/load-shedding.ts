import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import { serviceErrors } from './error-shape.js'

/**
 * @fastify/under-pressure: while the event loop lags past the limit, requests are refused at
 * once with the service's `<PREFIX>_OVERLOADED` 503 and Retry-After (the kit's error shape), so a
 * saturated instance answers fast and the client or gateway backs off, instead of every request
 * waiting a second. Health routes are never shed: the gateway must keep seeing the instance.
 */
async function loadShedding (app: FastifyInstance, opts: { service: string, maxEventLoopDelayMs: number }) {
  if (opts.maxEventLoopDelayMs === 0) return
  const Overloaded = serviceErrors(opts.service)<[number]>('OVERLOADED', 'The service is overloaded (event loop %d ms behind); retry in a moment', 503)
  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    pressureHandler: async (_req, _reply, _type, value) => {
      throw new Overloaded(Math.round(Number(value)))
    }
  })
}

/** The route config that exempts a route from shedding (health checks). */
export const NEVER_SHED = { pressureHandler: () => undefined }

export default fp(loadShedding, { name: 'kit-load-shedding', fastify: '5.x' })
