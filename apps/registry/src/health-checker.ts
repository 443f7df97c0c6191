import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { CheckResult } from './registry-store.js'

export interface CheckerOptions {
  intervalMs: number
  timeoutMs: number
  deregisterAfterMs: number
}

/** One instance's health endpoint, once: its status code, or 0 when it did not answer in time. */
async function check (url: string, timeoutMs: number): Promise<CheckResult & { statusCode: number }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    await res.arrayBuffer()
    return { url, statusCode: res.status }
  } catch {
    return { url, statusCode: 0 }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** One round of checks now (the timer runs them every CHECK_INTERVAL_MS); resolves when stored. */
    checkInstances(): Promise<void>
  }
}

/**
 * The registry's periodic health checks: every instance's health endpoint, all at once, each
 * with a timeout. A failed check makes the instance critical at once (the gateway stops routing
 * there at its next poll); an instance failing for DEREGISTER_AFTER_MS is removed.
 */
async function healthChecker (app: FastifyInstance, opts: CheckerOptions) {
  let round: Promise<void> | undefined
  const runRound = async () => {
    const instances = app.registry.everyInstance()
    const results = await Promise.all(instances.map((i) => check(`${i.url}${i.health_path}`, opts.timeoutMs)))
    // Stored by instance URL: the results name the health URL, the store the instance's.
    const removed = app.registry.recordChecks(
      results.map((r, k) => ({ url: instances[k]!.url, statusCode: r.statusCode })),
      Date.now() - opts.deregisterAfterMs
    )
    const failing = results.filter((r) => r.statusCode !== 200).length
    if (failing > 0 || removed > 0) app.log.warn({ checked: results.length, failing, removed }, 'health checks')
  }
  // Rounds never overlap: a slow round makes the next one wait, not pile up.
  app.decorate('checkInstances', () => (round ??= runRound().finally(() => (round = undefined))))
  const timer = setInterval(() => {
    app.checkInstances().catch((err: unknown) => app.log.error({ err }, 'health check round failed'))
  }, opts.intervalMs)
  timer.unref()
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await round
  })
}

export default fp(healthChecker, { name: 'registry-health-checker', dependencies: ['registry-store'], fastify: '5.x' })
