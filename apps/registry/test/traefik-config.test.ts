import { test } from 'tap'
import { buildTestApp } from './helper.js'

test('GET /registry/traefik › one prefix router with retry and a health-checked round robin over the passing instances per service', async (t) => {
  const app = await buildTestApp(t)
  for (const [service, port] of [['stats', 5002], ['stats', 5000], ['stats', 5001], ['posts', 5300], ['registry', 9997]] as const) {
    await app.inject({ method: 'POST', url: '/registry/instances', payload: { service, url: `http://127.0.0.1:${port}`, health_path: '/health' } })
  }
  const config = (await app.inject({ method: 'GET', url: '/registry/traefik' })).json()
  t.same(config.http.routers.stats, { entryPoints: ['web'], rule: 'PathPrefix(`/stats`) && (Method(`GET`) || Method(`HEAD`) || Method(`OPTIONS`))', priority: 300, service: 'stats', middlewares: ['strip-client-headers@file', 'retry@file'] }, 'reads open')
  t.same(config.http.routers['stats-writes'], { entryPoints: ['web'], rule: 'PathPrefix(`/stats`)', priority: 100, service: 'stats', middlewares: ['strip-client-headers@file', 'body-limit@file', 'authenticate', 'rate-limit-writes@file', 'retry@file'] }, 'writes: body limit, then authenticated')
  t.same(config.http.middlewares.authenticate, { forwardAuth: { address: 'http://127.0.0.1:9999/users/sessions/current', authResponseHeaders: ['X-Auth-User'], maxResponseBodySize: 4096 } }, 'by the accounts service, through the gateway')
  t.same(config.http.services.stats.loadBalancer.servers.map((s: { url: string }) => s.url), [
    'http://127.0.0.1:5000', 'http://127.0.0.1:5001', 'http://127.0.0.1:5002'
  ])
  t.same(config.http.services.stats.loadBalancer.healthCheck, { path: '/health', interval: '1s', timeout: '3s' })
  t.match(config.http.routers.registry.rule, /Method\(`GET`\)/, 'through the gateway the registry is read-only')
  t.notOk(config.http.routers.root, 'no docs, no root redirect')
  t.notOk(config.http.routers.fallback, 'no docs, no JSON fallback')
  t.notOk(config.http.middlewares['gateway-errors'], 'no docs, no JSON error pages')

  await app.inject({ method: 'POST', url: '/registry/instances', payload: { service: 'docs', url: 'http://127.0.0.1:5100', health_path: '/health' } })
  const withDocs = (await app.inject({ method: 'GET', url: '/registry/traefik' })).json()
  t.match(withDocs.http.routers.root, { rule: 'Path(`/`)', service: 'docs', middlewares: ['strip-client-headers@file', 'gateway-errors', 'retry@file'] }, 'the docs service redirects the root')
  t.same(withDocs.http.routers.stats.middlewares, ['strip-client-headers@file', 'gateway-errors', 'retry@file'], 'reads: the gateway\'s errors as JSON')
  t.same(withDocs.http.routers['stats-writes'].middlewares, ['strip-client-headers@file', 'gateway-errors', 'gateway-rate-limited', 'body-limit@file', 'authenticate', 'rate-limit-writes@file', 'retry@file'], 'writes: the rate limit\'s 429 as JSON too')
  t.same(withDocs.http.middlewares['gateway-errors'], { errors: { status: ['413', '502', '504'], service: 'docs', query: '/docs/gateway-errors/{status}' } })
  t.same(withDocs.http.middlewares['gateway-rate-limited'], { errors: { status: ['429'], service: 'docs', query: '/docs/gateway-errors/{status}' } })
  t.same(withDocs.http.middlewares['gateway-method-not-allowed'], { errors: { status: ['100-599'], statusRewrites: { '100-599': 405 }, service: 'docs', query: '/docs/gateway-errors/{status}' } })
  t.match(withDocs.http.routers.refused, { rule: 'Method(`CONNECT`) || Method(`TRACE`)', priority: 400, service: 'docs', middlewares: ['strip-client-headers@file', 'gateway-method-not-allowed'] }, 'CONNECT and TRACE: a JSON 405')
  t.match(withDocs.http.routers.fallback, { rule: 'PathPrefix(`/`)', priority: 1, service: 'docs' }, 'unrouted paths go to the JSON 404, last')
})

test('GET /registry/traefik › writes a service declares open need no token: all of them, or the ones listed', async (t) => {
  const app = await buildTestApp(t)
  const register = (service: string, port: number, openWrites: unknown) =>
    app.inject({ method: 'POST', url: '/registry/instances', payload: { service, url: `http://127.0.0.1:${port}`, health_path: '/health', open_writes: openWrites } })
  t.equal((await register('stats', 5000, true)).statusCode, 201)
  t.equal((await register('users', 5100, ['POST /users', 'POST /users/sessions'])).statusCode, 201)
  t.equal((await register('posts', 5200, ['GET /posts'])).statusCode, 400, 'only writes can be declared open')
  const { routers } = (await app.inject({ method: 'GET', url: '/registry/traefik' })).json().http
  t.same(routers.stats.middlewares, ['strip-client-headers@file', 'retry@file'], 'stats: reads as everywhere')
  t.same(routers['stats-writes'].middlewares, ['strip-client-headers@file', 'body-limit@file', 'retry@file'], 'stats: every write open, the body limit still applies')
  t.match(routers['users-open-1'], { rule: 'Method(`POST`) && Path(`/users`)', priority: 200, middlewares: ['strip-client-headers@file', 'body-limit@file', 'retry@file'] })
  t.match(routers['users-open-2'], { rule: 'Method(`POST`) && Path(`/users/sessions`)' })
  t.same(routers['users-writes'].middlewares, ['strip-client-headers@file', 'body-limit@file', 'authenticate', 'rate-limit-writes@file', 'retry@file'])
})
