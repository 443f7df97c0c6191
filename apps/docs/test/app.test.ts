import { test } from 'tap'
import { announce } from '@platform/kit'
import { buildApp } from '../src/app.js'
import { loadDocsConfig } from '../src/config.js'

test('the gateway docs offer the spec of every service running now', async (t) => {
  const dir = t.testdir({})
  const app = await buildApp(loadDocsConfig({ LOG_LEVEL: 'silent', GATEWAY_ANNOUNCE_DIR: dir }))
  t.teardown(() => app.close())

  const ui = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(ui.statusCode, 200)
  t.match(ui.headers['content-type'], /text\/html/)
  t.match(ui.headers['x-instance'], /^docs@/)
  const init = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })
  t.match(init.body, /"configUrl":"\/docs\/config\.json"/, 'Swagger UI reads the picker from the service')

  t.same((await app.inject({ method: 'GET', url: '/docs/config.json' })).json(), { urls: [] }, 'nothing running, nothing offered')
  const running = (service: string, port: number) =>
    announce(dir, { service, prefix: `/${service}`, url: `http://127.0.0.1:${port}`, instance: `${service}@h:${port}`, pid: process.pid }, port)
  running('stats', 5000)
  running('stats', 5001)
  running('posts', 5200)
  running('docs', 5100)
  t.same((await app.inject({ method: 'GET', url: '/docs/config.json' })).json(), {
    urls: [{ name: 'posts', url: '/posts/openapi.json' }, { name: 'stats', url: '/stats/openapi.json' }]
  }, 'each service once, by name, not the docs themselves')
})

test('DOCS_SERVICES fixes the list', async (t) => {
  const app = await buildApp(loadDocsConfig({ LOG_LEVEL: 'silent', DOCS_SERVICES: 'stats, users' }))
  t.teardown(() => app.close())
  t.same((await app.inject({ method: 'GET', url: '/docs/config.json' })).json(), {
    urls: [{ name: 'stats', url: '/stats/openapi.json' }, { name: 'users', url: '/users/openapi.json' }]
  })
})

test('an unknown path is the platform JSON 404', async (t) => {
  const app = await buildApp(loadDocsConfig({ LOG_LEVEL: 'silent', DOCS_SERVICES: '' }))
  t.teardown(() => app.close())
  const res = await app.inject({ method: 'GET', url: '/docs/nothing/here' })
  t.equal(res.statusCode, 404)
  t.equal(res.json().code, 'DOCS_ROUTE_NOT_FOUND')
})
