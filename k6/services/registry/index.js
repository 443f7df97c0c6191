// Service registry: smoke (every read once), negative (bogus queries, and writes through the
// gateway refused), and its part of the journey (now and then, the health of a service).
import { group } from 'k6'
import { runCases } from '../../lib/negative.js'
import { nonDecimalLimits, unknownParameters } from '../../lib/hostile.js'
import { listInstances, serviceHealth, traefikConfig } from './client.js'

export function smoke () {
  group('registry', () => {
    listInstances(['stats', 'registry'])
    serviceHealth('stats')
    traefikConfig('stats')
  })
}

export const negative = {
  setup () {
    return {}
  },
  run () {
    const registration = { service: 'evil', url: 'http://127.0.0.1:1', health_path: '/health' }
    group('registry: bogus requests', () =>
      runCases([
        { method: 'GET', path: '/registry/health', label: 'registry: health without a service', status: 400 },
        { method: 'GET', path: '/registry/health?service=Not_A_Name', label: 'registry: malformed service name', status: 400 },
        { method: 'GET', path: '/registry/health?service=nobody-here', label: 'registry: unknown service', status: 404, code: 'REGISTRY_SERVICE_NOT_FOUND' },
        { method: 'GET', path: '/registry/instances?limit=0', label: 'registry: limit 0', status: 400 },
        { method: 'GET', path: '/registry/instances?limit=1001', label: 'registry: limit too large', status: 400 },
        { method: 'GET', path: '/registry/instances?sort=url', label: 'registry: unknown parameter', status: 400 },
        // Through the gateway the registry is read-only: nobody outside can route a prefix to their host.
        { method: 'POST', path: '/registry/instances', label: 'registry: register through the gateway', body: registration, status: [404, 405] },
        { method: 'DELETE', path: '/registry/instances/00000000-0000-4000-8000-000000000000', label: 'registry: deregister through the gateway', status: [404, 405] },
        ...nonDecimalLimits('registry', ['/registry/instances', '/registry/instances?service=stats']),
        ...unknownParameters('registry', [['GET', '/registry/health?service=stats'], ['GET', '/registry/traefik']])
      ])
    )
    // What the gateway refuses itself, before any service, in the platform's JSON shape.
    group('gateway: its own refusals', () =>
      runCases([
        { method: 'TRACE', path: '/posts', label: 'gateway: TRACE', status: 405, code: 'GATEWAY_METHOD_NOT_ALLOWED' },
        { method: 'POST', path: '/stats/users', label: 'gateway: a 2 MiB body', body: JSON.stringify({ username: 'x'.repeat(2 << 20) }), status: 413, code: 'GATEWAY_BODY_TOO_LARGE' }
      ])
    )
    group('registry: nothing registered by the gateway', () => {
      listInstances(['stats'])
    })
  }
}

export function journey () {
  if (Math.random() < 0.02) serviceHealth('stats')
}
