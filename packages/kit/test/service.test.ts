import { test } from 'tap'
import { Type } from 'typebox'
import { actingUserGuard, AUTH_USER_HEADER, createService, gatewayUrlConfig, loadConfig, errorResponses, serviceErrors, Text, upstream, Uuid } from '../src/index.js'

async function buildTestService () {
  const config = loadConfig({}, { LOG_LEVEL: 'silent', PORT: '4321', BODY_LIMIT: '1024' })
  const app = await createService({
    name: 'demo',
    prefix: '/demo',
    title: 'Demo',
    description: 'kit test service',
    version: '1.0.0',
    tags: [{ name: 'demo', description: 'demo' }]
  }, config)
  app.post(
    '/demo/things',
    {
      schema: {
        tags: ['demo'],
        body: Type.Object({ n: Type.Integer({ minimum: 1 }), when: Type.Optional(Type.String({ format: 'date-or-timestamp' })) }, { additionalProperties: false }),
        querystring: Type.Object({ limit: Type.Integer({ default: 5, maximum: 10 }) }),
        response: { 201: Type.Object({ n: Type.Integer(), limit: Type.Integer() }), ...errorResponses(400) }
      }
    },
    async (req, reply) => reply.code(201).send({ n: req.body.n, limit: req.query.limit })
  )
  app.get('/demo/users/:id', { schema: { params: Type.Object({ id: Uuid }) } }, async (req) => ({ id: req.params.id }))
  app.get('/demo/busy', async () => {
    throw Object.assign(new (serviceErrors('demo')('BUSY', 'try again', 503))(), { headers: { 'retry-after': '2' } })
  })
  app.get('/demo/boom', async () => {
    throw new Error('secret detail')
  })
  return app
}

test('createService', async (t) => {
  const app = await buildTestService()
  t.teardown(() => app.close())

  t.test('valid body is accepted and the query string is coerced', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/demo/things?limit=7', payload: { n: 3 } })
    t.equal(res.statusCode, 201)
    t.same(res.json(), { n: 3, limit: 7 })
  })

  t.test('a string where the body wants a number is a 400 naming the field', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/demo/things', payload: { n: '3' } })
    t.equal(res.statusCode, 400)
    t.match(res.json(), { statusCode: 400, error: 'Bad Request', code: 'FST_ERR_VALIDATION', message: /body\/n/ })
  })

  t.test('an unknown field is rejected by name', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/demo/things', payload: { n: 1, extra: true } })
    t.equal(res.statusCode, 400)
    t.match(res.json().message, /body\/extra is not an allowed field/)
  })

  t.test('a pattern error quotes the rule from the schema description', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/demo/users/not-a-uuid' })
    t.equal(res.statusCode, 400)
    t.equal(res.json().message, 'params/id must be a UUID: 32 hex digits in the 8-4-4-4-12 form')
    const long = await app.inject({ method: 'GET', url: `/demo/users/${'a'.repeat(37)}` })
    t.equal(long.json().message, 'params/id must be a UUID: 32 hex digits in the 8-4-4-4-12 form', 'too long says the same rule')
  })

  t.test('a missing field is named', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/demo/things', payload: {} })
    t.equal(res.statusCode, 400)
    t.match(res.json().message, /body\/n is required/)
  })

  t.test('date-or-timestamp accepts dates and timestamps, rejects impossible days', async (t) => {
    for (const when of ['2022-02-28', '2024-02-29', '2022-03-01T23:59:59Z', '2022-03-01T10:00:00.123+02:00', '2022-03-01T10:00']) {
      const res = await app.inject({ method: 'POST', url: '/demo/things', payload: { n: 1, when } })
      t.equal(res.statusCode, 201, when)
    }
    for (const when of ['2022-02-30', '2023-02-29', '2022-13-01', '2022-01-01T24:00:00Z', 'yesterday', '2022-1-1']) {
      const res = await app.inject({ method: 'POST', url: '/demo/things', payload: { n: 1, when } })
      t.equal(res.statusCode, 400, when)
    }
  })

  t.test('malformed JSON is a 400 JSON error', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/demo/things', headers: { 'content-type': 'application/json' }, payload: '{"n": 1,' })
    t.equal(res.statusCode, 400)
    t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
    t.equal(res.json().statusCode, 400)
  })

  t.test('an oversized body is a 413 JSON error', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/demo/things', payload: { n: 1, pad: 'x'.repeat(4096) } })
    t.equal(res.statusCode, 413)
    t.equal(res.json().code, 'FST_ERR_CTP_BODY_TOO_LARGE')
  })

  t.test('an unknown route is a JSON 404', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/nowhere?x=1' })
    t.equal(res.statusCode, 404)
    t.same(res.json(), { statusCode: 404, error: 'Not Found', message: 'Route GET /nowhere not found', code: 'DEMO_ROUTE_NOT_FOUND' })
  })

  t.test('a thrown error is a 500 without its details', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/demo/boom' })
    t.equal(res.statusCode, 500)
    t.same(res.json(), { statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error', code: 'DEMO_INTERNAL' })
  })

  t.test('a coded error carries its headers into the answer (a 503 with Retry-After)', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/demo/busy' })
    t.equal(res.statusCode, 503)
    t.equal(res.headers['retry-after'], '2')
    t.same(res.json(), { statusCode: 503, error: 'Service Unavailable', message: 'try again', code: 'DEMO_BUSY' })
  })

  t.test('request ids are echoed or generated, and the instance is named', async (t) => {
    const given = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'abc-123' } })
    t.equal(given.headers['x-request-id'], 'abc-123')
    t.match(given.headers['x-instance'], /^demo@.+:4321$/)
    const generated = await app.inject({ method: 'GET', url: '/health' })
    t.match(generated.headers['x-request-id'], /^[0-9a-f-]{36}$/)
  })

  t.test('health is 200 while serving, 503 while draining', async (t) => {
    const ok = await app.inject({ method: 'GET', url: '/health' })
    t.equal(ok.statusCode, 200)
    t.match(ok.json(), { status: 'ok', service: 'demo' })
    app.draining = true
    const draining = await app.inject({ method: 'GET', url: '/health' })
    app.draining = false
    t.equal(draining.statusCode, 503)
    t.equal(draining.json().status, 'draining')
  })

  t.test('readiness reports a failing check by name', async (t) => {
    t.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200)
    let healthy = false
    app.addReadinessCheck('database', () => {
      if (!healthy) throw new Error('down')
    })
    const down = await app.inject({ method: 'GET', url: '/health/ready' })
    t.equal(down.statusCode, 503)
    t.same(down.json().failed, ['database'])
    t.same(down.json().checks, ['database'])
    healthy = true
    const up = await app.inject({ method: 'GET', url: '/health/ready' })
    t.equal(up.statusCode, 200)
    t.same(up.json().checks, ['database'], 'the resources checked are named when all is well too')
  })

  t.test('docs: Swagger UI at /docs and the spec at <prefix>/openapi.json', async (t) => {
    const ui = await app.inject({ method: 'GET', url: '/docs/' })
    t.equal(ui.statusCode, 200)
    t.match(ui.headers['content-type'], /text\/html/)
    const spec = (await app.inject({ method: 'GET', url: '/demo/openapi.json' })).json()
    t.equal(spec.openapi, '3.1.0')
    t.ok(spec.paths['/demo/things'].post, 'route documented')
    t.notOk(spec.paths['/demo/openapi.json'], 'the spec route itself is hidden')
  })
})

test('loadConfig names a bad variable', async (t) => {
  t.throws(() => loadConfig({}, { PORT: 'eighty' }), /PORT/)
})

test('gatewayUrlConfig: the formation\'s gateway (GATEWAY_PORT) unless GATEWAY_URL says otherwise', async (t) => {
  t.equal(loadConfig(gatewayUrlConfig({}), {}).GATEWAY_URL, 'http://127.0.0.1:9999')
  t.equal(loadConfig(gatewayUrlConfig({ GATEWAY_PORT: '23450' }), {}).GATEWAY_URL, 'http://127.0.0.1:23450')
  const env = { GATEWAY_PORT: '23450', GATEWAY_URL: 'http://gw.example:80' }
  t.equal(loadConfig(gatewayUrlConfig(env), env).GATEWAY_URL, 'http://gw.example:80')
})

test('Text: "not blank" means a visible character, whatever the filler', async (t) => {
  const config = loadConfig({}, { LOG_LEVEL: 'silent' })
  const app = await createService({ name: 'demo', prefix: '/demo', title: 'Demo', description: 'd', version: '1', tags: [] }, config)
  t.teardown(() => app.close())
  app.post('/demo/notes', { schema: { body: Type.Object({ title: Text({ maxLength: 20, description: 'A title: 1 to 20 characters, not blank' }) }) } },
    async (req) => req.body)
  for (const title of ['a', ' x ', 'é', '🙂', '中文', 'x\u200by']) {
    t.equal((await app.inject({ method: 'POST', url: '/demo/notes', payload: { title } })).statusCode, 200, JSON.stringify(title))
  }
  t.equal((await app.inject({ method: 'POST', url: '/demo/notes', payload: { title: '' } })).statusCode, 400, 'empty')
  for (const title of ['   ', '\t\n', '\u200b', '\u2060\u2060', '\u3164', '\u00a0', '\u200b \ufeff']) {
    const res = await app.inject({ method: 'POST', url: '/demo/notes', payload: { title } })
    t.equal(res.statusCode, 400, JSON.stringify(title))
    t.match(res.json().message, /body\/title must be a title: 1 to 20 characters, not blank/)
  }
})

test('actingUserGuard: a write names its token user, or it is a 403', async (t) => {
  const config = loadConfig({}, { LOG_LEVEL: 'silent' })
  const app = await createService({ name: 'demo', prefix: '/demo', title: 'Demo', description: 'd', version: '1', tags: [] }, config)
  t.teardown(() => app.close())
  const actingAs = actingUserGuard('demo')
  app.post('/demo/posts', async (req) => {
    actingAs(req, (req.body as { username: string }).username)
    return { ok: true }
  })
  const post = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/demo/posts', headers, payload: { username: 'alice' } })
  t.equal((await post({ [AUTH_USER_HEADER]: 'alice' })).statusCode, 200, 'the token user')
  t.equal((await post({ [AUTH_USER_HEADER]: 'ALICE' })).statusCode, 200, 'the same account in another case')
  t.equal((await post({})).statusCode, 200, 'no gateway authentication: an internal call')
  const other = await post({ [AUTH_USER_HEADER]: 'mallory' })
  t.equal(other.statusCode, 403)
  t.same(other.json(), { statusCode: 403, error: 'Forbidden', message: 'mallory may not act as alice', code: 'DEMO_FORBIDDEN' })
})

test('upstream: reads another service with the request id, and a dead one is a 503', async (t) => {
  const config = loadConfig({}, { LOG_LEVEL: 'silent' })
  const other = await createService({ name: 'other', prefix: '/other', title: 'O', description: 'd', version: '1', tags: [] }, config)
  other.get('/other/echo', async (req) => ({ request_id: req.headers['x-request-id'] }))
  await other.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => other.close())
  const { port } = other.server.address() as { port: number }

  const app = await createService({ name: 'demo', prefix: '/demo', title: 'D', description: 'd', version: '1', tags: [] }, config)
  t.teardown(() => app.close())
  const live = upstream('demo', `http://127.0.0.1:${port}`)
  const dead = upstream('demo', 'http://127.0.0.1:1')
  app.get('/demo/live', async (req) => (await live.get('/other/echo', req)).body)
  app.get('/demo/dead', async (req) => (await dead.get('/other/echo', req)).body)

  const res = await app.inject({ method: 'GET', url: '/demo/live', headers: { 'x-request-id': 'trace-me' } })
  t.same(res.json(), { request_id: 'trace-me' }, 'the request id travels on')
  const down = await app.inject({ method: 'GET', url: '/demo/dead' })
  t.equal(down.statusCode, 503)
  t.equal(down.json().code, 'DEMO_UPSTREAM_UNAVAILABLE')
})

test('x-request-id is echoed only when short and plain; anything else is replaced', async (t) => {
  const config = loadConfig({}, { LOG_LEVEL: 'silent' })
  const app = await createService({ name: 'demo', prefix: '/demo', title: 'D', description: 'd', version: '1', tags: [] }, config)
  t.teardown(() => app.close())
  const idOf = async (value: string) => (await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': value } })).headers['x-request-id']
  t.equal(await idOf('req-42.a:b_c'), 'req-42.a:b_c')
  for (const bad of ['x'.repeat(129), 'has space', 'new\\nline', '<script>', 'ünïcode', '']) {
    t.match(await idOf(bad), /^[0-9a-f-]{36}$/, `${JSON.stringify(bad.slice(0, 20))} replaced by a fresh id`)
  }
})

test('services listen on loopback unless HOST says otherwise', async (t) => {
  t.equal(loadConfig({}, {}).HOST, '127.0.0.1')
  t.equal(loadConfig({}, { HOST: '0.0.0.0' }).HOST, '0.0.0.0')
})

test('load shedding: a lagging event loop gets fast 503s with Retry-After, health keeps answering', async (t) => {
  const config = loadConfig({}, { LOG_LEVEL: 'silent', SHED_EVENT_LOOP_DELAY_MS: '50' })
  const app = await createService({ name: 'demo', prefix: '/demo', title: 'D', description: 'd', version: '1', tags: [] }, config)
  t.teardown(() => app.close())
  app.get('/demo/work', async () => ({ ok: true }))
  await app.ready()
  t.equal((await app.inject({ method: 'GET', url: '/demo/work' })).statusCode, 200, 'served while the loop is quiet')
  // Shedding starts two samples after start-up, whose own stall says nothing about load.
  await new Promise((resolve) => setTimeout(resolve, 2100))
  // Lag the loop well past the limit, the way a crowd of requests does: 100 ms of work at a
  // time between turns of the loop, until under-pressure's next sample notices (once a second).
  const until = Date.now() + 10_000
  let shed
  do {
    const turn = Date.now() + 100
    while (Date.now() < turn) { /* a request's synchronous work */ }
    await new Promise((resolve) => setImmediate(resolve))
    shed = await app.inject({ method: 'GET', url: '/demo/work' })
  } while (shed.statusCode === 200 && Date.now() < until)
  t.equal(shed.statusCode, 503)
  t.equal(shed.headers['retry-after'], '1')
  t.match(shed.json(), { statusCode: 503, code: 'DEMO_OVERLOADED' })
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'health is never shed')
})
