// The service registry as a client sees it through the gateway: read-only (registrations are
// made on loopback by the instances themselves).
import { get, bodyOf } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'

export const ROUTES = {
  instances: 'GET /registry/instances',
  health: 'GET /registry/health',
  traefik: 'GET /registry/traefik'
}

const isInstance = (i) =>
  typeof i.service === 'string' && /^http:\/\//.test(i.url) && ['passing', 'critical'].includes(i.status) &&
  typeof i.prefix === 'string' && i.prefix.startsWith('/')

/** Every registered instance; the formation's services must be among them. */
export function listInstances (services) {
  const res = get('/registry/instances', { name: ROUTES.instances })
  const ok = expectJson(res, 'registry instances', 200, {
    'lists instances': (b) => Array.isArray(b.instances) && b.instances.every(isInstance),
    'the services are registered': (b) => services.every((s) => b.instances.some((i) => i.service === s))
  })
  return ok ? bodyOf(res).instances : []
}

/** The health summary of one service: counts that add up. */
export function serviceHealth (service) {
  const res = get(`/registry/health?service=${service}`, { name: ROUTES.health })
  return expectJson(res, `registry health of ${service}`, 200, {
    'names the service': (b) => b.service === service,
    'counts add up': (b) => b.passing + b.critical === b.instances.length && b.passing > 0,
    'a status': (b) => ['passing', 'warning', 'critical'].includes(b.status)
  })
}

/** The gateway's configuration: a router and a balancer per service. */
export function traefikConfig (service) {
  const res = get('/registry/traefik', { name: ROUTES.traefik })
  return expectJson(res, 'registry traefik config', 200, {
    'a router for the service': (b) => typeof b.http?.routers?.[service]?.rule === 'string',
    'its passing instances balanced': (b) => (b.http?.services?.[service]?.loadBalancer?.servers ?? []).length > 0
  })
}
