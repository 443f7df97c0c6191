import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import { serviceErrors } from './error-shape.js'

const SAMPLE_INTERVAL_MS = 1000

/**
 * @fastify/under-pressure: while the event loop lags past the limit, requests are refused at
 * once with the service's `<PREFIX>_OVERLOADED` 503 and Retry-After (the kit's error shape), so a
 * saturated instance answers fast and the client or gateway backs off, instead of every request
 * waiting a second. Health routes are never shed: the gateway must keep seeing the instance.
 */
async function loadShedding (app: FastifyInstance, opts: { service: string, maxEventLoopDelayMs: number }) {
  if (opts.maxEventLoopDelayMs === 0) return
  const Overloaded = serviceErrors(opts.service)<[number]>('OVERLOADED', 'The service is overloaded (event loop %d ms behind); retry in a moment', 503)
  // Start-up (compiling schemas, migrations) stalls the loop once; the first samples after it
  // say nothing about load, so shedding starts two samples after the app is ready.
  let armed = false
  app.addHook('onReady', async () => {
    setTimeout(() => (armed = true), 2 * SAMPLE_INTERVAL_MS).unref()
  })
  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    sampleInterval: SAMPLE_INTERVAL_MS,
    pressureHandler: async (_req, _reply, _type, value) => {
      // under-pressure reports Infinity when its histogram took no sample in the last interval:
      // its own timer ran first after a pause of the whole process (descheduled on a crowded
      // machine, a GC, a start-up), so it measured nothing. The delay of that pause shows in the
      // next interval's samples, so shedding waits for a measured lag rather than refusing a
      // second of requests the loop is free to serve.
      const lag = Number(value)
      if (armed && Number.isFinite(lag)) throw new Overloaded(Math.round(lag))
    }
  })
}

/** The route config that exempts a route from shedding (health checks). */
export const NEVER_SHED = { pressureHandler: () => undefined }

export default fp(loadShedding, { name: 'kit-load-shedding', fastify: '5.x' })
