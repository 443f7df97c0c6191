import type { Instance } from './registry-store.js'

// How often Traefik asks each instance's /health, on top of the registry's slower checks. An
// instance told to stop answers 503 at once and keeps serving for SHUTDOWN_DELAY_MS (2000 in the
// formation), which covers one interval plus the check itself. The timeout is generous: a
// saturated instance answers /health late, and dropping the only instance of a service for that
// turned slow answers into 503s under stress. A dead instance is found at once (refused).
export const HEALTH_CHECK = { path: '/health', interval: '1s', timeout: '3s' }

// Hand-written middlewares live in traefik/*.yml (Traefik's file provider); routers from this
// (HTTP) provider name them with their provider.
const RETRY = 'retry@file'

/**
 * Traefik's dynamic configuration: per service one router on its path prefix (with the retry
 * middleware) and one round-robin load balancer over its passing instances, health-checked by
 * Traefik itself too. A service whose instances all fail keeps its router with no server, so the
 * gateway answers 503 (unavailable), not 404 (unknown).
 */
export function traefikConfig (instances: Instance[]): { http: Record<string, unknown> } {
  const services = new Map<string, { prefix: string, urls: string[] }>()
  for (const i of [...instances].sort((a, b) => a.url.localeCompare(b.url))) {
    const s = services.get(i.service) ?? { prefix: i.prefix, urls: [] }
    if (i.status === 'passing') s.urls.push(i.url)
    services.set(i.service, s)
  }
  const routers: Record<string, object> = {}
  const balancers: Record<string, object> = {}
  for (const [name, s] of [...services].sort(([a], [b]) => a.localeCompare(b))) {
    // Registrations are written on loopback only: through the gateway the registry is read-only.
    const rule = name === 'registry' ? `PathPrefix(\`${s.prefix}\`) && (Method(\`GET\`) || Method(\`HEAD\`))` : `PathPrefix(\`${s.prefix}\`)`
    routers[name] = { entryPoints: ['web'], rule, service: name, middlewares: [RETRY] }
    balancers[name] = { loadBalancer: { servers: s.urls.map((url) => ({ url })), healthCheck: HEALTH_CHECK, passHostHeader: true } }
  }
  if (services.has('docs')) {
    // The gateway's root leads to the API docs of every service.
    routers.root = { entryPoints: ['web'], rule: 'Path(`/`)', service: 'docs', middlewares: ['root-to-docs@file'] }
    // Paths no service owns get the platform's JSON 404 (from the docs service, a kit app)
    // instead of Traefik's plain-text one. Priority 1: every other router wins over it.
    routers.fallback = { entryPoints: ['web'], rule: 'PathPrefix(`/`)', priority: 1, service: 'docs' }
  }
  return { http: { routers, services: balancers } }
}
