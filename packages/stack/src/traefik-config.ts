import type { Announcement } from '@platform/kit'

// How often Traefik asks each instance's /health. An instance told to stop answers 503 at
// once and keeps serving for SHUTDOWN_DELAY_MS (2000 in the formation), which covers one
// interval plus the check itself: Traefik stops routing there before its listener closes.
// The timeout is generous on purpose: a saturated instance answers /health late, and taking
// the only instance of a service out for that turned slow answers into 503s under stress.
// A dead instance is still found at once (connection refused).
export const HEALTH_CHECK = { path: '/health', interval: '1s', timeout: '3s' }

/**
 * Traefik's dynamic configuration for the instances announced: per service one router on
 * its path prefix (with the retry middleware of traefik/middlewares.yml) and one round-robin
 * load balancer with an active health check. Services the Procfile lists but nothing
 * announced keep their router with no servers, so the gateway answers 503, not 404.
 */
export function buildRoutes (announcements: Announcement[], expected: string[] = []): object {
  const services = new Map<string, { prefix: string; urls: Set<string> }>()
  for (const name of expected) services.set(name, { prefix: `/${name}`, urls: new Set() })
  for (const a of announcements) {
    const s = services.get(a.service) ?? { prefix: a.prefix, urls: new Set<string>() }
    s.prefix = a.prefix
    s.urls.add(a.url)
    services.set(a.service, s)
  }
  const routers: Record<string, object> = {}
  const lbs: Record<string, object> = {}
  for (const [name, s] of [...services].sort(([a], [b]) => a.localeCompare(b))) {
    routers[name] = { entryPoints: ['web'], rule: `PathPrefix(\`${s.prefix}\`)`, service: name, middlewares: ['retry'] }
    lbs[name] = {
      loadBalancer: {
        servers: [...s.urls].sort().map((url) => ({ url })),
        healthCheck: HEALTH_CHECK,
        passHostHeader: true
      }
    }
  }
  if (services.has('docs')) {
    // The gateway's root leads to the API docs of every service.
    routers['root'] = { entryPoints: ['web'], rule: 'Path(`/`)', service: 'docs', middlewares: ['root-to-docs'] }
    // Paths no service owns get the platform's JSON 404 (from the docs service, a kit app)
    // instead of Traefik's plain-text one. Priority 1: every other router wins over it.
    routers['fallback'] = { entryPoints: ['web'], rule: 'PathPrefix(`/`)', priority: 1, service: 'docs' }
  }
  return { http: { routers, services: lbs } }
}

export interface StaticOverrides {
  webAddress: string
  apiAddress: string
  dynamicDir: string
  accessLog: string
  /** false turns the dashboard off (a source build of Traefik has no dashboard assets). */
  dashboard?: boolean
}

/**
 * traefik.toml with the per-formation values replaced. A line-level edit keeps the file's
 * comments and needs no TOML library; it fails loudly if traefik.toml no longer has a key.
 */
export function deriveStaticConfig (toml: string, o: StaticOverrides): string {
  const wanted: Record<string, string | boolean> = {
    'entryPoints.web.address': o.webAddress,
    'entryPoints.traefik.address': o.apiAddress,
    'providers.file.directory': o.dynamicDir,
    'accessLog.filePath': o.accessLog,
    ...(o.dashboard === false ? { 'api.dashboard': false } : {})
  }
  const done = new Set<string>()
  let table = ''
  const lines = toml.split('\n').map((line) => {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line)
    if (header) table = header[1]!.trim()
    const kv = /^(\s*)([A-Za-z]+)(\s*=\s*).*$/.exec(line)
    if (!kv) return line
    const key = `${table}.${kv[2]}`
    if (!(key in wanted)) return line
    done.add(key)
    return `${kv[1]}${kv[2]}${kv[3]}${JSON.stringify(wanted[key])}`
  })
  const missing = Object.keys(wanted).filter((k) => !done.has(k))
  if (missing.length > 0) throw new Error(`traefik.toml has no ${missing.join(', ')}`)
  return lines.join('\n')
}
