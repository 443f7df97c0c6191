import { test } from 'tap'
import { buildTestApp } from './helper.js'

test('GET /registry/traefik › one prefix router with retry and a health-checked round robin over the passing instances per service', async (t) => {
  const app = await buildTestApp(t)
  for (const [service, port] of [['stats', 5002], ['stats', 5000], ['stats', 5001], ['posts', 5300], ['registry', 9997]] as const) {
    await app.inject({ method: 'POST', url: '/registry/instances', payload: { service, url: `http://127.0.0.1:${port}`, health_path: '/health' } })
  }
  const config = (await app.inject({ method: 'GET', url: '/registry/traefik' })).json()
  t.same(config.http.routers.stats, { entryPoints: ['web'], rule: 'PathPrefix(`/stats`)', service: 'stats', middlewares: ['retry@file'] })
  t.same(config.http.services.stats.loadBalancer.servers.map((s: { url: string }) => s.url), [
    'http://127.0.0.1:5000', 'http://127.0.0.1:5001', 'http://127.0.0.1:5002'
  ])
  t.same(config.http.services.stats.loadBalancer.healthCheck, { path: '/health', interval: '1s', timeout: '3s' })
  t.match(config.http.routers.registry.rule, /Method\(`GET`\)/, 'through the gateway the registry is read-only')
  t.notOk(config.http.routers.root, 'no docs, no root redirect')
  t.notOk(config.http.routers.fallback, 'no docs, no JSON fallback')

  await app.inject({ method: 'POST', url: '/registry/instances', payload: { service: 'docs', url: 'http://127.0.0.1:5100', health_path: '/health' } })
  const withDocs = (await app.inject({ method: 'GET', url: '/registry/traefik' })).json()
  t.same(withDocs.http.routers.root, { entryPoints: ['web'], rule: 'Path(`/`)', service: 'docs', middlewares: ['root-to-docs@file'] })
  t.same(withDocs.http.routers.fallback, { entryPoints: ['web'], rule: 'PathPrefix(`/`)', priority: 1, service: 'docs' }, 'unrouted paths go to the JSON 404, last')
})
