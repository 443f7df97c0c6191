import net from 'node:net'
import { test, type Test } from 'tap'
import { Type } from 'typebox'
import { createService, loadConfig, Uuid } from '../src/index.js'
import { rawRequest, readResponse, type RawResponse } from '../src/raw-http.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function listeningDemo (t: Test, env: Record<string, string> = {}) {
  const config = loadConfig({}, { LOG_LEVEL: 'silent', PORT: '4321', ...env })
  const app = await createService({ name: 'demo', prefix: '/demo', title: 'D', description: 'd', version: '1', tags: [] }, config)
  app.get('/demo/things/:name', async (req) => ({ name: (req.params as { name: string }).name }))
  app.get('/demo/users/:id', { schema: { params: Type.Object({ id: Uuid }) } }, async (req) => ({ id: req.params.id }))
  app.post('/demo/things', { schema: { body: Type.Object({ t: Type.String({ maxLength: 100 }) }, { additionalProperties: false }) } }, async (req) => req.body)
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  return (app.server.address() as net.AddressInfo).port
}

/** What every error an instance answers looks like, whoever made it (Node, Fastify or the kit). */
function assertKitError (t: Test, res: RawResponse | undefined, status: number, code: RegExp | string, name: string) {
  t.ok(res, `${name}: answered`)
  if (!res) return
  t.equal(res.status, status, `${name}: status`)
  t.match(res.headers['content-type'], /^application\/json/, `${name}: JSON`)
  t.match(res.headers['x-request-id'], /^[0-9a-f-]{36}$/, `${name}: x-request-id`)
  t.match(res.headers['x-instance'], /^demo@.+:4321$/, `${name}: x-instance`)
  let body: Record<string, unknown> = {}
  try {
    body = JSON.parse(res.body)
  } catch {
    t.fail(`${name}: body is JSON: ${res.body}`)
  }
  t.match(body, { statusCode: status, error: String, message: String, code }, `${name}: body`)
  t.same(Object.keys(body).sort(), ['code', 'error', 'message', 'statusCode'], `${name}: the platform's fields, no more`)
}

test('errors made before a route runs have the platform shape and headers', async (t) => {
  const port = await listeningDemo(t)
  const cases: [string, string, number, RegExp | string][] = [
    ['an unknown method', 'FOO /demo/things/x HTTP/1.1\r\nHost: a\r\n\r\n', 400, 'HPE_INVALID_METHOD'],
    ['a lower-case method', 'get /demo/things/x HTTP/1.1\r\nHost: a\r\n\r\n', 400, /^HPE_/],
    ['a 20 KiB header', `GET /demo/things/x HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`, 431, 'HPE_HEADER_OVERFLOW'],
    ['a bad HTTP version', 'GET /demo/things/x HTTP/9.9\r\nHost: a\r\n\r\n', 400, /^HPE_/],
    ['a bad Content-Length', 'POST /demo/things HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}', 400, /^HPE_/],
    ['a bad chunk size', 'POST /demo/things HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n', 400, /^HPE_/],
    ['a path parameter over 100 characters', `GET /demo/things/${'a'.repeat(200)} HTTP/1.1\r\nHost: a\r\n\r\n`, 414, 'FST_ERR_MAX_PARAM_LENGTH'],
    ['a malformed percent escape in the path', 'GET /demo/things/%E0%A4%A HTTP/1.1\r\nHost: a\r\n\r\n', 400, 'FST_ERR_BAD_URL'],
    ['an encoded lone surrogate in the path', 'GET /demo/things/%ED%A0%80 HTTP/1.1\r\nHost: a\r\n\r\n', 400, 'FST_ERR_BAD_URL'],
    ['a malformed percent escape in the query', 'GET /demo/things/x?a=%zz HTTP/1.1\r\nHost: a\r\n\r\n', 400, 'FST_ERR_BAD_URL'],
    ['invalid UTF-8 in the query', 'GET /demo/things/x?a=%ED%A0%80 HTTP/1.1\r\nHost: a\r\n\r\n', 400, 'FST_ERR_BAD_URL'],
    ['two Host headers', 'GET /demo/things/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 400, 'DEMO_BAD_HOST'],
    ['no Host header', 'GET /demo/things/x HTTP/1.1\r\n\r\n', 400, 'DEMO_BAD_HOST'],
    ['CONNECT', 'CONNECT /demo HTTP/1.1\r\nHost: a\r\n\r\n', 405, 'DEMO_METHOD_NOT_ALLOWED']
  ]
  for (const [name, text, status, code] of cases) {
    assertKitError(t, await rawRequest(port, text), status, code, name)
  }

  const ok = await rawRequest(port, 'GET /demo/things/x HTTP/1.1\r\nHost: a\r\n\r\n')
  t.equal(ok?.status, 200, 'one Host header is fine')
  const http10 = await rawRequest(port, 'GET /demo/things/x HTTP/1.0\r\n\r\n')
  t.equal(http10?.status, 200, 'HTTP/1.0 needs no Host header')
  const escaped = await rawRequest(port, 'GET /demo/things/x%20y?a=%C3%A9 HTTP/1.1\r\nHost: a\r\n\r\n')
  t.equal(escaped?.status, 400, 'well-formed escapes reach the route (and its unknown-parameter check)')
})

test('a stalled request gets a JSON 408 and its connection is closed', async (t) => {
  const port = await listeningDemo(t, { REQUEST_TIMEOUT_MS: '600', HEADERS_TIMEOUT_MS: '400' })

  t.test('headers that never end', async (t) => {
    const socket = net.connect(port, '127.0.0.1')
    const answer = readResponse(socket)
    socket.write('GET /demo/things/x HTTP/1.1\r\nHost: a\r\n')
    const res = await answer
    socket.destroy()
    assertKitError(t, res, 408, 'ERR_HTTP_REQUEST_TIMEOUT', 'stalled headers')
    t.equal(res?.closed, true, 'closed')
  })

  t.test('a connection that sends nothing', async (t) => {
    const socket = net.connect(port, '127.0.0.1')
    const res = await readResponse(socket)
    socket.destroy()
    assertKitError(t, res, 408, 'ERR_HTTP_REQUEST_TIMEOUT', 'a silent connection')
    t.equal(res?.closed, true, 'closed')
  })

  t.test('a body that stops half-way', async (t) => {
    const socket = net.connect(port, '127.0.0.1')
    const answer = readResponse(socket)
    socket.write('POST /demo/things HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{"t":')
    const res = await answer
    socket.destroy()
    assertKitError(t, res, 408, 'ERR_HTTP_REQUEST_TIMEOUT', 'half a body')
    t.equal(res?.closed, true, 'closed')
  })

  t.test('a body sent one byte at a time, forever', async (t) => {
    const socket = net.connect(port, '127.0.0.1')
    const answer = readResponse(socket)
    socket.write('POST /demo/things HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n')
    const drip = (async () => {
      while (!socket.destroyed) {
        socket.write(' ')
        await sleep(50)
      }
    })()
    const res = await answer
    socket.destroy()
    await drip
    assertKitError(t, res, 408, 'ERR_HTTP_REQUEST_TIMEOUT', 'a drip-fed body')
    t.equal(res?.closed, true, 'closed')
  })

  t.test('a request that arrives in time is served', async (t) => {
    const body = '{"t":"x"}'
    const res = await rawRequest(port, `POST /demo/things HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`)
    t.equal(res?.status, 200)
  })
})

test('an idle keep-alive connection is closed', async (t) => {
  const port = await listeningDemo(t, { KEEP_ALIVE_TIMEOUT_MS: '300' })
  const socket = net.connect(port, '127.0.0.1')
  const first = readResponse(socket)
  socket.write('GET /demo/things/x HTTP/1.1\r\nHost: a\r\n\r\n')
  const res = await first
  t.equal(res?.status, 200)
  t.equal(res?.closed, false, 'kept alive after the answer')
  if (!socket.destroyed) await new Promise((resolve) => socket.once('close', resolve))
  t.pass('closed by the server once idle')
})

test('timeout settings have sane defaults and are bounded', async (t) => {
  const config = loadConfig({}, {})
  t.ok(config.REQUEST_TIMEOUT_MS > 0 && config.REQUEST_TIMEOUT_MS <= 60_000, 'a request must arrive within a minute')
  t.ok(config.HEADERS_TIMEOUT_MS > 0 && config.HEADERS_TIMEOUT_MS <= config.REQUEST_TIMEOUT_MS, 'headers first')
  t.ok(config.KEEP_ALIVE_TIMEOUT_MS > 0)
  t.throws(() => loadConfig({}, { REQUEST_TIMEOUT_MS: '0' }), /REQUEST_TIMEOUT_MS/)
})
