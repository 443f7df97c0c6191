import type { FastifyBaseLogger } from 'fastify'

/** What an instance tells the registry about itself (the registry's POST /registry/instances body). */
export interface InstanceRegistration {
  service: string
  /** The path prefix the service owns at the gateway (`/stats`). */
  prefix: string
  /** Where the gateway reaches this instance. */
  url: string
  health_path: string
  /** Writes the gateway lets through without a token (see ServiceMeta.openWrites). */
  open_writes?: true | string[]
}

/** The URL the gateway should use for a listener bound to `host`. */
export function instanceUrl (host: string, port: number): string {
  if (host === '0.0.0.0' || host === '' || host === 'localhost') return `http://127.0.0.1:${port}`
  if (host === '::') return `http://[::1]:${port}`
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`
}

// Registration is idempotent (the same URL keeps its id), so it is simply repeated: a registry
// that was away, or lost its data, learns about this instance again within this time.
const REFRESH_MS = 15_000
const RETRY_MS = 1_000
const CALL_TIMEOUT_MS = 2_000

/**
 * The instance's registration with the service registry (REGISTRY_URL): made once it listens,
 * retried every second while the registry is away, refreshed every 15 s, and withdrawn first
 * thing on shutdown, so the gateway stops routing here before the listener closes.
 */
export function registration (registryUrl: string, instance: InstanceRegistration, log: FastifyBaseLogger) {
  let instanceId: string | undefined
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  const register = async (): Promise<void> => {
    try {
      const res = await fetch(`${registryUrl}/registry/instances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(instance),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS)
      })
      const body = (await res.json()) as { instance_id?: string, message?: string }
      if (!res.ok || !body.instance_id) throw new Error(`${res.status} ${body.message ?? ''}`)
      if (instanceId !== body.instance_id) log.info({ registry: registryUrl, instance_id: body.instance_id }, 'registered with the registry')
      instanceId = body.instance_id
      schedule(REFRESH_MS)
    } catch (err) {
      if (instanceId === undefined) log.warn({ registry: registryUrl, err: (err as Error).message }, 'registry not reachable yet; trying again')
      schedule(RETRY_MS)
    }
  }
  const schedule = (ms: number) => {
    if (stopped) return
    timer = setTimeout(() => { register().catch(() => {}) }, ms)
    timer.unref()
  }

  return {
    /** The first attempt; later ones run in the background until stop(). */
    start: register,
    /** Stops refreshing and withdraws the registration (best effort: the registry's checks cover the rest). */
    async stop (): Promise<void> {
      stopped = true
      clearTimeout(timer)
      if (instanceId === undefined) return
      try {
        await fetch(`${registryUrl}/registry/instances/${instanceId}`, { method: 'DELETE', signal: AbortSignal.timeout(CALL_TIMEOUT_MS) })
      } catch {
        log.warn({ registry: registryUrl }, 'could not deregister; the registry health check will')
      }
    }
  }
}
