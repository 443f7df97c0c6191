import { gatewayErrorStatuses } from '@platform/kit'
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
// A client never chooses who it is: whatever X-Auth-User it sends is removed on every route (and
// its Expect, which is the gateway's to answer: see traefik/middlewares.yml).
const STRIP_CLIENT_HEADERS = 'strip-client-headers@file'
const RATE_LIMIT = 'rate-limit-writes@file'
// Bodies past the gateway's limit are refused (413) before they reach an instance or the
// authentication; only write routers buffer, so reads stream as they are.
const BODY_LIMIT = 'body-limit@file'
const AUTHENTICATE = 'authenticate'
// The errors the gateway makes itself, as the platform's JSON (the docs service answers them;
// which status is caught where: the kit's GATEWAY_ERRORS). A service's own 413 or 502 past the
// gateway becomes the gateway's: same status, the GATEWAY_ code.
const GATEWAY_ERRORS = 'gateway-errors'
const RATE_LIMITED = 'gateway-rate-limited'
const METHOD_NOT_ALLOWED = 'gateway-method-not-allowed'
const DOCS = 'docs'

// Explicit priorities (Traefik's default is the rule's length): reads, then open writes, then
// the authenticated writes; the JSON 404 fallback last of all.
const PRIORITY = { refused: 400, read: 300, open: 200, write: 100, fallback: 1 }
const READ_METHODS = '(Method(`GET`) || Method(`HEAD`) || Method(`OPTIONS`))'

interface ServiceRoutes {
  prefix: string
  urls: string[]
  openWrites?: true | string[] | undefined
}

/** The middleware chains of the three kinds of router; `json` when the docs service can answer the gateway's errors. */
function chains (json: boolean) {
  const errors = json ? [GATEWAY_ERRORS] : []
  return {
    read: [STRIP_CLIENT_HEADERS, ...errors, RETRY],
    openWrite: [STRIP_CLIENT_HEADERS, ...errors, BODY_LIMIT, RETRY],
    write: [STRIP_CLIENT_HEADERS, ...errors, ...(json ? [RATE_LIMITED] : []), BODY_LIMIT, AUTHENTICATE, RATE_LIMIT, RETRY]
  }
}

/** The routers of one service: reads open, declared open writes open, every other write authenticated. */
function routersOf (name: string, s: ServiceRoutes, chain: ReturnType<typeof chains>): Record<string, object> {
  const route = (rule: string, priority: number, middlewares: string[]) =>
    ({ entryPoints: ['web'], rule, priority, service: name, middlewares })
  const prefix = `PathPrefix(\`${s.prefix}\`)`
  const reads = { [name]: route(`${prefix} && ${READ_METHODS}`, PRIORITY.read, chain.read) }
  // Registrations are written on loopback only: through the gateway the registry is read-only.
  if (name === 'registry') return reads
  if (s.openWrites === true) return { ...reads, [`${name}-writes`]: route(prefix, PRIORITY.write, chain.openWrite) }
  const routers: Record<string, object> = { ...reads, [`${name}-writes`]: route(prefix, PRIORITY.write, chain.write) }
  for (const [i, write] of (s.openWrites ?? []).entries()) {
    const [method, path] = write.split(' ')
    routers[`${name}-open-${i + 1}`] = route(`Method(\`${method}\`) && Path(\`${path}\`)`, PRIORITY.open, chain.openWrite)
  }
  return routers
}

/** The errors middleware asking the docs service for the JSON page of the caught status (or of `answer`, which it becomes). */
const errorPage = (status: string[], answer?: number) => ({
  errors: { status, ...(answer ? { statusRewrites: { [status.join(',')]: answer } } : {}), service: DOCS, query: '/docs/gateway-errors/{status}' }
})

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
  const docs = services.has(DOCS)
  const chain = chains(docs)
  for (const [name, s] of [...services].sort(([a], [b]) => a.localeCompare(b))) {
    Object.assign(routers, routersOf(name, s, chain))
    balancers[name] = { loadBalancer: { servers: s.urls.map((url) => ({ url })), healthCheck: HEALTH_CHECK, passHostHeader: true } }
  }
  const middlewares: Record<string, object> = {
    [AUTHENTICATE]: {
      // The answer is a small JSON object; anything bigger is not the accounts service.
      forwardAuth: { address: `${gatewayUrl}/users/sessions/current`, authResponseHeaders: ['X-Auth-User'], maxResponseBodySize: 4096 }
    }
  }
  if (docs) {
    // The gateway's root leads to the API docs of every service (the docs service redirects,
    // with a relative Location: no Host header can send anyone elsewhere).
    routers.root = { entryPoints: ['web'], rule: 'Path(`/`)', priority: PRIORITY.read, service: DOCS, middlewares: chain.read }
    // Paths no service owns get the platform's JSON 404 (from the docs service, a kit app)
    // instead of Traefik's plain-text one. Every other router wins over it.
    routers.fallback = { entryPoints: ['web'], rule: 'PathPrefix(`/`)', priority: PRIORITY.fallback, service: DOCS, middlewares: chain.read }
    // CONNECT and TRACE are never proxied (Traefik would answer a plain 502): a JSON 405.
    routers.refused = { entryPoints: ['web'], rule: 'Method(`CONNECT`) || Method(`TRACE`)', priority: PRIORITY.refused, service: DOCS, middlewares: [STRIP_CLIENT_HEADERS, METHOD_NOT_ALLOWED] }
    middlewares[GATEWAY_ERRORS] = errorPage(gatewayErrorStatuses('every'))
    middlewares[RATE_LIMITED] = errorPage(gatewayErrorStatuses('write'))
    const [refusedWith] = gatewayErrorStatuses('refused')
    middlewares[METHOD_NOT_ALLOWED] = errorPage(['100-599'], Number(refusedWith))
  }
  return { http: { routers, services: balancers, middlewares } }
}
