import { test } from 'tap'
import { buildTestApp } from './helper.js'

test('GET /registry/traefik › one prefix router with retry and a health-checked round robin over the passing instances per service', async (t) => {
  const app = await buildTestApp(t)
  for (const [service, port] of [['stats', 5002], ['stats', 5000], ['stats', 5001], ['posts', 5300], ['registry', 9997]] as const) {
    await app.inject({ method: 'POST', url: '/registry/instances', payload: { service, url: `http://127.0.0.1:${port}`, health_path: '/health' } })
  }
  const config = (await app.inject({ method: 'GET', url: '/registry/traefik' })).json()
  t.same(config.http.routers.stats, { entryPoints: ['web'], rule: 'PathPrefix(`/stats`) && (Method(`GET`) || Method(`HEAD`) || Method(`OPTIONS`))', priority: 300, service: 'stats', middlewares: ['strip-auth-user@file', 'retry@file'] }, 'reads open')
  t.same(config.http.routers['stats-writes'], { entryPoints: ['web'], rule: 'PathPrefix(`/stats`)', priority: 100, service: 'stats', middlewares: ['strip-auth-user@file', 'authenticate', 'rate-limit-writes@file', 'retry@file'] }, 'writes authenticated')
  t.same(config.http.middlewares.authenticate, { forwardAuth: { address: 'http://127.0.0.1:9999/users/sessions/current', authResponseHeaders: ['X-Auth-User'], maxResponseBodySize: 4096 } }, 'by the accounts service, through the gateway')
  t.same(config.http.services.stats.loadBalancer.servers.map((s: { url: string }) => s.url), [
    'http://127.0.0.1:5000', 'http://127.0.0.1:5001', 'http://127.0.0.1:5002'
  ])
  t.same(config.http.services.stats.loadBalancer.healthCheck, { path: '/health', interval: '1s', timeout: '3s' })
  t.match(config.http.routers.registry.rule, /Method\(`GET`\)/, 'through the gateway the registry is read-only')
  t.notOk(config.http.routers.root, 'no docs, no root redirect')
  t.notOk(config.http.routers.fallback, 'no docs, no JSON fallback')

  await app.inject({ method: 'POST', url: '/registry/instances', payload: { service: 'docs', url: 'http://127.0.0.1:5100', health_path: '/health' } })
  const withDocs = (await app.inject({ method: 'GET', url: '/registry/traefik' })).json()
  t.match(withDocs.http.routers.root, { rule: 'Path(`/`)', service: 'docs', middlewares: ['strip-auth-user@file', 'root-to-docs@file'] })
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
  t.same(routers.stats.middlewares, ['strip-auth-user@file', 'retry@file'], 'stats: one open route')
  t.notOk(routers['stats-writes'])
  t.match(routers['users-open-1'], { rule: 'Method(`POST`) && Path(`/users`)', priority: 200, middlewares: ['strip-auth-user@file', 'retry@file'] })
  t.match(routers['users-open-2'], { rule: 'Method(`POST`) && Path(`/users/sessions`)' })
  t.match(routers['users-writes'].middlewares, ['strip-auth-user@file', 'authenticate', 'rate-limit-writes@file', 'retry@file'])
})
