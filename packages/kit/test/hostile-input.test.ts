import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib'
import { test } from 'tap'
import { Type } from 'typebox'
import { createService, loadConfig, Limit, Text, Uuid } from '../src/index.js'
import { maxJsonBytes } from '../src/body-size.js'

async function demo (env: Record<string, string> = {}) {
  const config = loadConfig({}, { LOG_LEVEL: 'silent', ...env })
  const app = await createService({ name: 'demo', prefix: '/demo', title: 'D', description: 'd', version: '1', tags: [] }, config)
  app.post('/demo/posts', {
    schema: {
      body: Type.Object({
        title: Text({ maxLength: 300, description: 'A title: 1 to 300 characters, not blank' }),
        text: Text({ maxLength: 10_000, description: 'The text: 1 to 10000 characters, not blank' }),
        tags: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 5 }))
      }, { additionalProperties: false })
    }
  }, async (req, reply) => reply.code(201).send({ title: req.body.title, length: [...req.body.text].length }))
  app.get('/demo/items', { schema: { querystring: Type.Object({ limit: Limit(10, 100), offset: Type.Optional(Type.Integer({ minimum: -50 })) }, { additionalProperties: false }) } },
    async (req) => ({ limit: req.query.limit, offset: req.query.offset ?? null }))
  app.get('/demo/loose', { schema: { querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 10 })) }) } }, async (req) => req.query)
  app.get('/demo/items/:n', { schema: { params: Type.Object({ n: Type.Integer({ minimum: 1 }) }) } }, async (req) => ({ n: req.params.n }))
  app.get('/demo/things/:id', { schema: { params: Type.Object({ id: Uuid }) } }, async (req) => ({ id: req.params.id }))
  app.post('/demo/free', async (req) => ({ got: req.body }))
  return app
}

const aPost = (over: Record<string, unknown> = {}) => ({ title: 'Hello', text: 'World', ...over })

test('every valid body fits the route\'s body limit, a clearly oversized one is a 413', async (t) => {
  const app = await demo()
  t.teardown(() => app.close())
  const post = (payload: string) => app.inject({ method: 'POST', url: '/demo/posts', headers: { 'content-type': 'application/json' }, payload })

  const worst: [string, string][] = [
    ['10,000 é (20 KB of UTF-8)', JSON.stringify(aPost({ text: 'é'.repeat(10_000) }))],
    ['10,000 emoji (40 KB of UTF-8)', JSON.stringify(aPost({ text: '🙂'.repeat(10_000) }))],
    ['10,000 quotes (20 KB escaped)', JSON.stringify(aPost({ text: '"'.repeat(10_000) }))],
    ['10,000 emoji, every one escaped as \\uXXXX\\uXXXX (120 KB)', `{"title":"Hello","text":"${'\\ud83d\\ude42'.repeat(10_000)}"}`],
    ['every field at its longest, every character escaped, pretty-printed',
      JSON.stringify({ title: '\u0001'.repeat(299) + 'x', text: '\u0001'.repeat(9_999) + 'x', tags: Array(5).fill('\u0001'.repeat(20)) }, null, 8)]
  ]
  for (const [name, payload] of worst) {
    const res = await post(payload)
    t.equal(res.statusCode, 201, name)
  }
  const tooLong = await post(JSON.stringify(aPost({ text: 'x'.repeat(10_001) })))
  t.equal(tooLong.statusCode, 400, 'one character over the limit is the field\'s 400')
  t.match(tooLong.json().message, /body\/text/)

  const huge = await post(JSON.stringify(aPost({ text: 'x'.repeat(1_000_000) })))
  t.equal(huge.statusCode, 413, 'a megabyte is refused unread')
  t.equal(huge.json().code, 'FST_ERR_CTP_BODY_TOO_LARGE')

  const unbounded = await app.inject({ method: 'POST', url: '/demo/free', payload: { pad: 'x'.repeat(20_000) } })
  t.equal(unbounded.statusCode, 413, 'a route whose body schema bounds nothing keeps BODY_LIMIT')
})

test('ill-formed Unicode (a lone surrogate) is a 400 naming the field, wherever it is', async (t) => {
  const app = await demo()
  t.teardown(() => app.close())
  const post = (payload: string) => app.inject({ method: 'POST', url: '/demo/posts', headers: { 'content-type': 'application/json' }, payload })
  const cases: [string, RegExp][] = [
    ['{"title":"x\\ud800y","text":"t"}', /^body\/title must be well-formed Unicode/],
    ['{"title":"x","text":"\\udfff"}', /^body\/text must be well-formed Unicode/],
    ['{"title":"x","text":"t","tags":["ok","a\\ud83d"]}', /^body\/tags\/1 must be well-formed Unicode/],
    ['{"title":"x","text":"t","\\ud800":1}', /^body has a field name that is not well-formed Unicode/]
  ]
  for (const [payload, message] of cases) {
    const res = await post(payload)
    t.equal(res.statusCode, 400, payload)
    t.match(res.json(), { statusCode: 400, code: 'FST_ERR_VALIDATION', message }, payload)
  }
  const pair = await post('{"title":"x\\ud83d\\ude42y","text":"t"}')
  t.equal(pair.statusCode, 201, 'a surrogate pair is one character')
  t.equal(pair.json().title, 'x🙂y')
})

test('integers in query strings and paths are decimal digits only', async (t) => {
  const app = await demo()
  t.teardown(() => app.close())
  for (const bad of ['0x10', '0b11', '0o7', '1e1', '%2010', '10%20', '+5', '1.0', '', '1_0', 'Infinity']) {
    const res = await app.inject({ method: 'GET', url: `/demo/items?limit=${bad}` })
    t.equal(res.statusCode, 400, `limit=${bad}`)
    t.match(res.json(), { code: 'FST_ERR_VALIDATION', message: /^querystring\/limit must be an integer written in decimal digits/ }, `limit=${bad}`)
  }
  for (const bad of ['0x10', '1e1', '+5']) {
    const res = await app.inject({ method: 'GET', url: `/demo/items/${bad}` })
    t.equal(res.statusCode, 400, `/demo/items/${bad}`)
    t.match(res.json().message, /^params\/n must be an integer/)
  }
  t.same((await app.inject({ method: 'GET', url: '/demo/items?limit=16' })).json(), { limit: 16, offset: null })
  t.same((await app.inject({ method: 'GET', url: '/demo/items?limit=007' })).json(), { limit: 7, offset: null }, 'leading zeros are still decimal')
  t.same((await app.inject({ method: 'GET', url: '/demo/items?offset=-5' })).json(), { limit: 10, offset: -5 }, 'a minus where negatives are allowed')
  t.equal((await app.inject({ method: 'GET', url: '/demo/items?offset=-0x5' })).statusCode, 400)
  t.same((await app.inject({ method: 'GET', url: '/demo/items/12' })).json(), { n: 12 })
})

test('unknown query parameters are a 400 on every route', async (t) => {
  const app = await demo()
  t.teardown(() => app.close())
  const cases: [string, RegExp][] = [
    ['/demo/items?limit=5&foo=1', /querystring\/foo is not an allowed field/],
    ['/demo/things/3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59?x=1', /querystring\/x is not an allowed field/],
    ['/demo/items/3?x=1', /querystring\/x is not an allowed field/],
    ['/demo/loose?q=a&other=b', /querystring\/other is not an allowed field/],
    ['/health?x=1', /querystring\/x is not an allowed field/]
  ]
  for (const [url, message] of cases) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 400, url)
    t.match(res.json(), { code: 'FST_ERR_VALIDATION', message }, url)
  }
  t.equal((await app.inject({ method: 'GET', url: '/demo/things/3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59' })).statusCode, 200)
  t.equal((await app.inject({ method: 'GET', url: '/demo/loose?q=a' })).statusCode, 200)
  t.equal((await app.inject({ method: 'GET', url: '/docs/' })).statusCode, 200, 'the docs pages are not API routes')
})

test('Content-Encoding: gzip, deflate and br bodies are decoded; anything else is a 415', async (t) => {
  const app = await demo()
  t.teardown(() => app.close())
  const body = JSON.stringify(aPost({ title: 'Squeezed' }))
  const post = (encoding: string, payload: Buffer | string) => app.inject({
    method: 'POST', url: '/demo/posts', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, payload
  })
  for (const [encoding, payload] of [['gzip', gzipSync(body)], ['GZIP', gzipSync(body)], ['x-gzip', gzipSync(body)], ['deflate', deflateSync(body)], ['br', brotliCompressSync(body)], ['identity', Buffer.from(body)]] as const) {
    const res = await post(encoding, payload)
    t.equal(res.statusCode, 201, encoding)
    t.equal(res.json().title, 'Squeezed', encoding)
  }
  const plain = await post('gzip', body)
  t.equal(plain.statusCode, 400, 'plain JSON labelled gzip')
  t.match(plain.json(), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_CONTENT_ENCODING' })
  for (const encoding of ['compress', 'zstd', 'gzip, gzip', 'bogus']) {
    const res = await post(encoding, gzipSync(body))
    t.equal(res.statusCode, 415, encoding)
    t.match(res.json(), { statusCode: 415, code: 'FST_ERR_CTP_UNSUPPORTED_CONTENT_ENCODING', message: /gzip, deflate, br/ }, encoding)
  }
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, ' '))
  t.ok(bomb.length < 100 * 1024, 'the bomb itself is small')
  const exploded = await post('gzip', bomb)
  t.equal(exploded.statusCode, 413, 'a zip bomb stops at the route\'s limit')
  t.equal(exploded.json().code, 'FST_ERR_CTP_BODY_TOO_LARGE')
})

test('maxJsonBytes: the largest JSON a schema accepts, or undefined when it bounds nothing', async (t) => {
  t.equal(maxJsonBytes(Type.Object({ s: Type.String() }, { additionalProperties: false })), undefined, 'a string without maxLength')
  t.equal(maxJsonBytes(Type.Object({ s: Type.String({ maxLength: 5 }) })), undefined, 'an object open to more properties')
  t.equal(maxJsonBytes(Type.Array(Type.Integer())), undefined, 'an array without maxItems')
  t.equal(maxJsonBytes({ $ref: 'X' }), undefined, 'a reference')
  const uuids = maxJsonBytes(Type.Object({ ids: Type.Array(Uuid, { maxItems: 200 }) }, { additionalProperties: false }))!
  t.ok(uuids >= 200 * 36 * 6, '200 UUIDs, every character escaped')
  const small = maxJsonBytes(Type.Object({ a: Type.Boolean(), b: Type.Union([Type.Null(), Type.Integer()]), c: Type.Literal('x') }, { additionalProperties: false }))!
  t.ok(small > JSON.stringify({ a: false, b: -9007199254740991, c: 'x' }, null, 4).length && small < 1024, `a small object is small (${small})`)
  const text = maxJsonBytes(Type.Object({ t: Text({ maxLength: 1000, description: 'd' }) }, { additionalProperties: false }))!
  t.ok(text >= 1000 * 12 && text < 1000 * 12 + 1024, 'a code point takes up to 12 bytes (a surrogate pair, escaped)')
})
