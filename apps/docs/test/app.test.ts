import { test } from 'tap'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../src/app.js'
import { loadDocsConfig } from '../src/config.js'
import { docsServices } from '../src/services.js'

test('the gateway docs offer every service spec', async (t) => {
  const app = await buildApp(loadDocsConfig({ LOG_LEVEL: 'silent' }), ['stats', 'posts'])
  t.teardown(() => app.close())

  const ui = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(ui.statusCode, 200)
  t.match(ui.headers['content-type'], /text\/html/)
  t.match(ui.headers['x-instance'], /^docs@/)

  const init = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })
  t.equal(init.statusCode, 200)
  t.match(init.body, /"urls":\[\{"name":"stats","url":"\/stats\/openapi\.json"\},\{"name":"posts","url":"\/posts\/openapi\.json"\}\]/)
})

test('an unknown path is the platform JSON 404', async (t) => {
  const app = await buildApp(loadDocsConfig({ LOG_LEVEL: 'silent' }), [])
  t.teardown(() => app.close())
  const res = await app.inject({ method: 'GET', url: '/docs/nothing/here' })
  t.equal(res.statusCode, 404)
  t.equal(res.json().code, 'ROUTE_NOT_FOUND')
})

test('docsServices', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'docs-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const procfile = join(dir, 'Procfile')
  writeFileSync(procfile, '# comment: not a service\nstats: node a.ts\nposts: node b.ts\ndocs: node c.ts\ntraefik: node d.ts\n')
  t.same(docsServices(undefined, procfile), ['stats', 'posts'], 'Procfile types but the gateway and the docs')
  t.same(docsServices('stats, users', procfile), ['stats', 'users'], 'DOCS_SERVICES wins')
})
