import { test } from 'tap'
import { GATEWAY_ERRORS } from '@platform/kit'
import { buildApp as buildRegistry } from '@platform/registry'
import { loadRegistryConfig } from '@platform/registry/config'
import { buildApp } from '../src/app.js'
import { loadDocsConfig } from '../src/config.js'

test('the gateway docs offer the spec of every service registered now', async (t) => {
  const registry = await buildRegistry(loadRegistryConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: `${t.testdir({})}/registry.db`, REGISTRY_PORT: '0' }))
  await registry.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => registry.close())
  const registryUrl = `http://127.0.0.1:${(registry.server.address() as { port: number }).port}`
  const app = await buildApp(loadDocsConfig({ LOG_LEVEL: 'silent', REGISTRY_URL: registryUrl }))
  t.teardown(() => app.close())

  const ui = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(ui.statusCode, 200)
  t.match(ui.headers['content-type'], /text\/html/)
  t.match(ui.headers['x-instance'], /^docs@/)
  const init = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })
  t.match(init.body, /"configUrl":"\/docs\/config\.json"/, 'Swagger UI reads the picker from the service')

  t.same((await app.inject({ method: 'GET', url: '/docs/config.json' })).json(), { urls: [] }, 'nothing registered, nothing offered')
  for (const [service, port, prefix] of [['stats', 5000], ['stats', 5001], ['cinema-movies', 5300, '/cinema/movies'], ['docs', 5100]] as const) {
    const res = await registry.inject({ method: 'POST', url: '/registry/instances', payload: { service, url: `http://127.0.0.1:${port}`, health_path: '/health', ...(prefix ? { prefix } : {}) } })
    t.equal(res.statusCode, 201)
  }
  t.same((await app.inject({ method: 'GET', url: '/docs/config.json' })).json(), {
    urls: [{ name: 'cinema-movies', url: '/cinema/movies/openapi.json' }, { name: 'stats', url: '/stats/openapi.json' }]
  }, 'each service once, at its prefix, not the docs themselves')

  await registry.close()
  const down = await app.inject({ method: 'GET', url: '/docs/config.json' })
  t.equal(down.statusCode, 503, 'the registry away is a 503, not a 500')
  t.equal(down.json().code, 'DOCS_UPSTREAM_UNAVAILABLE')
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

test('the gateway\'s own errors, in the platform\'s shape, and the root redirect', async (t) => {
  const app = await buildApp(loadDocsConfig({ LOG_LEVEL: 'silent', DOCS_SERVICES: 'stats' }))
  t.teardown(() => app.close())
  const tooLarge = await app.inject({ method: 'GET', url: '/docs/gateway-errors/413', headers: { 'x-request-id': 'req-413' } })
  t.equal(tooLarge.statusCode, 413)
  t.match(tooLarge.json(), { statusCode: 413, error: 'Payload Too Large', code: 'GATEWAY_BODY_TOO_LARGE', message: /1 MiB/ })
  t.equal(tooLarge.headers['x-request-id'], 'req-413', 'the client\'s request id, passed on by the gateway')
  const limited = await app.inject({ method: 'GET', url: '/docs/gateway-errors/429' })
  t.equal(limited.headers['retry-after'], '1')
  t.equal(limited.json().code, 'GATEWAY_TOO_MANY_REQUESTS')
  t.equal((await app.inject({ method: 'GET', url: '/docs/gateway-errors/405' })).json().code, 'GATEWAY_METHOD_NOT_ALLOWED')
  for (const e of GATEWAY_ERRORS) {
    const page = await app.inject({ method: 'GET', url: `/docs/gateway-errors/${e.status}` })
    t.match(page, { statusCode: e.status }, `${e.status}: the page answers with the status the gateway caught`)
    t.same(page.json(), { statusCode: e.status, error: page.json().error, message: e.message, code: `GATEWAY_${e.code}` })
  }
  t.match((await app.inject({ method: 'GET', url: '/docs/gateway-errors/418' })).json(), { statusCode: 418, code: 'GATEWAY_I_M_A_TEAPOT' }, 'any other status: its standard name')
  t.equal((await app.inject({ method: 'GET', url: '/docs/gateway-errors/200' })).statusCode, 400, 'only error statuses')
  const root = await app.inject({ method: 'GET', url: '/', headers: { host: 'evil.example' } })
  t.equal(root.statusCode, 302)
  t.equal(root.headers.location, '/docs/', 'relative: the Host header cannot lead elsewhere')
})
