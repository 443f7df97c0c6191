import { test } from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '@platform/kit'
import { buildRoutes, deriveStaticConfig } from '../src/traefik-config.js'

const stats = (port: number, pid = process.pid) => ({
  service: 'stats', prefix: '/stats', url: `http://127.0.0.1:${port}`, instance: `stats@h:${port}`, pid
})

test('buildRoutes: one prefix router with retry and one health-checked round robin per service', async (t) => {
  const routes = buildRoutes([stats(5002), stats(5000), stats(5001)], ['stats', 'posts']) as any
  t.same(routes.http.routers.stats, { entryPoints: ['web'], rule: 'PathPrefix(`/stats`)', service: 'stats', middlewares: ['retry'] })
  t.same(routes.http.services.stats.loadBalancer.servers.map((s: { url: string }) => s.url), [
    'http://127.0.0.1:5000', 'http://127.0.0.1:5001', 'http://127.0.0.1:5002'
  ])
  t.same(routes.http.services.stats.loadBalancer.healthCheck, { path: '/health', interval: '1s', timeout: '3s' })
  t.same(routes.http.services.posts.loadBalancer.servers, [], 'a Procfile service with no instance keeps its route (503)')
  t.notOk(routes.http.routers.root, 'no docs, no root redirect')
  t.ok((buildRoutes([], ['docs']) as any).http.routers.root, 'with docs, / leads there')
  t.notOk(routes.http.routers.fallback, 'no docs, no JSON fallback')
  t.same((buildRoutes([], ['docs']) as any).http.routers.fallback, { entryPoints: ['web'], rule: 'PathPrefix(`/`)', priority: 1, service: 'docs' }, 'with docs, unrouted paths go there, last')
})

test('deriveStaticConfig changes only the per-formation values of traefik.toml', async (t) => {
  const toml = readFileSync(join(REPO_ROOT, 'traefik.toml'), 'utf8')
  const out = deriveStaticConfig(toml, { webAddress: ':19999', apiAddress: '127.0.0.1:19998', dynamicDir: '/tmp/d', accessLog: '/tmp/a.log', dashboard: false })
  t.match(out, /\[entryPoints\.web\]\n\s+address = ":19999"/)
  t.match(out, /\[entryPoints\.traefik\]\n\s+address = "127\.0\.0\.1:19998"/, 'the API stays on loopback')
  t.match(out, /directory = "\/tmp\/d"/)
  t.match(out, /filePath = "\/tmp\/a\.log"/)
  t.match(out, /dashboard = false/)
  t.match(out, /format = "json"/, 'the rest is kept')
  t.equal(out.split('\n').length, toml.split('\n').length)
  t.throws(() => deriveStaticConfig('[api]\n', { webAddress: '', apiAddress: '', dynamicDir: '', accessLog: '' }), /traefik\.toml has no entryPoints\.web\.address/)
})
