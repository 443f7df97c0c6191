import fp from 'fastify-plugin'
import { Type } from 'typebox'
import type { FastifyInstance } from 'fastify'
import { NEVER_SHED } from './load-shedding.js'

export type ReadinessCheck = () => void | Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    /** True once shutdown has begun: /health fails so the gateway stops routing here. */
    draining: boolean
    addReadinessCheck(name: string, check: ReadinessCheck): void
  }
}

const HealthBody = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('draining'), Type.Literal('unready')]),
  service: Type.String(),
  instance: Type.String(),
  uptime_s: Type.Number(),
  /** /health/ready: every resource it checked, by name (a service may name its backend: `likes-store:redis`). */
  checks: Type.Optional(Type.Array(Type.String())),
  failed: Type.Optional(Type.Array(Type.String()))
})

/**
 * GET /health: alive and accepting work (what the gateway's health check polls).
 * GET /health/ready: additionally every resource answers (databases, ...).
 */
async function health (app: FastifyInstance, opts: { service: string; instance: string }) {
  const checks = new Map<string, ReadinessCheck>()
  app.decorate('draining', false)
  app.decorate('addReadinessCheck', (name: string, check: ReadinessCheck) => {
    checks.set(name, check)
  })

  const base = () => ({ service: opts.service, instance: opts.instance, uptime_s: Math.round(process.uptime()) })
  const schema = {
    tags: ['health'],
    response: { 200: HealthBody, 503: HealthBody }
  }

  app.get('/health', { schema: { ...schema, summary: 'Liveness: 200 while serving, 503 while draining' }, logLevel: 'warn', config: NEVER_SHED }, async (_req, reply) => {
    if (app.draining) return reply.code(503).send({ status: 'draining', ...base() })
    return { status: 'ok', ...base() }
  })

  app.get('/health/ready', { schema: { ...schema, summary: 'Readiness: every resource of the service answers' }, logLevel: 'warn', config: NEVER_SHED }, async (req, reply) => {
    if (app.draining) return reply.code(503).send({ status: 'draining', ...base() })
    const failed: string[] = []
    for (const [name, check] of checks) {
      try {
        await check()
      } catch (err) {
        req.log.error({ err, check: name }, 'readiness check failed')
        failed.push(name)
      }
    }
    const names = [...checks.keys()]
    if (failed.length > 0) return reply.code(503).send({ status: 'unready', ...base(), checks: names, failed })
    return { status: 'ok', ...base(), checks: names }
  })
}

export default fp(health, { name: 'kit-health', fastify: '5.x' })
