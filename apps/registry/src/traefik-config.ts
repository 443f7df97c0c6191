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
// A client never chooses who it is: whatever X-Auth-User it sends is removed on every route.
const STRIP_AUTH_USER = 'strip-auth-user@file'
const RATE_LIMIT = 'rate-limit-writes@file'
const AUTHENTICATE = 'authenticate'

// Explicit priorities (Traefik's default is the rule's length): reads, then open writes, then
// the authenticated writes; the JSON 404 fallback last of all.
const PRIORITY = { read: 300, open: 200, write: 100, fallback: 1 }
const READ_METHODS = '(Method(`GET`) || Method(`HEAD`) || Method(`OPTIONS`))'

interface ServiceRoutes {
  prefix: string
  urls: string[]
  openWrites?: true | string[] | undefined
}

/** The routers of one service: reads open, declared open writes open, every other write authenticated. */
function routersOf (name: string, s: ServiceRoutes): Record<string, object> {
  const route = (rule: string, priority: number, middlewares: string[]) =>
    ({ entryPoints: ['web'], rule, priority, service: name, middlewares })
  const prefix = `PathPrefix(\`${s.prefix}\`)`
  // Registrations are written on loopback only: through the gateway the registry is read-only.
  if (name === 'registry') return { [name]: route(`${prefix} && ${READ_METHODS}`, PRIORITY.read, [STRIP_AUTH_USER, RETRY]) }
  if (s.openWrites === true) return { [name]: route(prefix, PRIORITY.write, [STRIP_AUTH_USER, RETRY]) }
  const routers: Record<string, object> = {
    [name]: route(`${prefix} && ${READ_METHODS}`, PRIORITY.read, [STRIP_AUTH_USER, RETRY]),
    [`${name}-writes`]: route(prefix, PRIORITY.write, [STRIP_AUTH_USER, AUTHENTICATE, RATE_LIMIT, RETRY])
  }
  for (const [i, write] of (s.openWrites ?? []).entries()) {
    const [method, path] = write.split(' ')
    routers[`${name}-open-${i + 1}`] = route(`Method(\`${method}\`) && Path(\`${path}\`)`, PRIORITY.open, [STRIP_AUTH_USER, RETRY])
  }
  return routers
}

/**
 * Traefik's dynamic configuration: per service its routers on its path prefix and one round-robin
 * load balancer over its passing instances, health-checked by Traefik itself too. A service whose
 * instances all fail keeps its routers with no server, so the gateway answers 503 (unavailable),
 * not 404 (unknown). Writes are authenticated by the accounts service (forwardAuth through the
 * gateway itself, so the check is balanced over the users instances), which answers the token's
 * username in X-Auth-User; the gateway passes it on to the service.
 */
export function traefikConfig (instances: Instance[], gatewayUrl: string): { http: Record<string, unknown> } {
  const services = new Map<string, ServiceRoutes>()
  for (const i of [...instances].sort((a, b) => a.url.localeCompare(b.url))) {
    const s = services.get(i.service) ?? { prefix: i.prefix, urls: [], openWrites: i.open_writes }
    if (i.status === 'passing') s.urls.push(i.url)
    services.set(i.service, s)
  }
  const routers: Record<string, object> = {}
  const balancers: Record<string, object> = {}
  for (const [name, s] of [...services].sort(([a], [b]) => a.localeCompare(b))) {
    Object.assign(routers, routersOf(name, s))
    balancers[name] = { loadBalancer: { servers: s.urls.map((url) => ({ url })), healthCheck: HEALTH_CHECK, passHostHeader: true } }
  }
  if (services.has('docs')) {
    // The gateway's root leads to the API docs of every service.
    routers.root = { entryPoints: ['web'], rule: 'Path(`/`)', priority: PRIORITY.read, service: 'docs', middlewares: [STRIP_AUTH_USER, 'root-to-docs@file'] }
    // Paths no service owns get the platform's JSON 404 (from the docs service, a kit app)
    // instead of Traefik's plain-text one. Every other router wins over it.
    routers.fallback = { entryPoints: ['web'], rule: 'PathPrefix(`/`)', priority: PRIORITY.fallback, service: 'docs', middlewares: [STRIP_AUTH_USER] }
  }
  const middlewares = {
    [AUTHENTICATE]: {
      // The answer is a small JSON object; anything bigger is not the accounts service.
      forwardAuth: { address: `${gatewayUrl}/users/sessions/current`, authResponseHeaders: ['X-Auth-User'], maxResponseBodySize: 4096 }
    }
  }
  return { http: { routers, services: balancers, middlewares } }
}
