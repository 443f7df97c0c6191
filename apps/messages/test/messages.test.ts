import { test } from 'tap'
import { buildTestApp, send, UNKNOWN_ID } from './helper.js'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

test('POST /messages', async (t) => {
  const app = await buildTestApp(t)
  const outbox = async () => (await app.inject({ method: 'GET', url: '/messages?from=ann' })).json().messages

  t.test('sends: 201, Location, id and timestamp set by the service, not a favorite', async (t) => {
    const before = Date.now()
    const res = await app.inject({ method: 'POST', url: '/messages', payload: { from: 'ann', to: 'ben', contents: 'hi ben' } })
    t.equal(res.statusCode, 201)
    t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
    const body = res.json()
    t.match(body, { message_id: UUID_RE, from: 'ann', to: 'ben', contents: 'hi ben', favorite: false })
    t.equal(res.headers.location, `/messages/${body.message_id}`)
    const at = Date.parse(body.timestamp)
    t.ok(at >= before - 1 && at <= Date.now() + 1, 'timestamp is now')
    const read = await app.inject({ method: 'GET', url: res.headers.location as string })
    t.same(read.json(), body, 'the Location reads the message back')
  })

  t.test('a message to oneself is allowed', async (t) => {
    t.equal((await app.inject({ method: 'POST', url: '/messages', payload: { from: 'ann', to: 'ann', contents: 'note' } })).statusCode, 201)
  })

  t.test('missing, unknown, wrongly typed and invalid fields are 400s naming the field, and nothing is written', async (t) => {
    const sent = (await outbox()).length
    const cases: [unknown, RegExp][] = [
      [{ to: 'ben', contents: 'x' }, /body\/from is required/],
      [{ from: 'ann', contents: 'x' }, /body\/to is required/],
      [{ from: 'ann', to: 'ben' }, /body\/contents is required/],
      [{ from: 'ann', to: 'ben', contents: 'x', timestamp: '2020-01-01T00:00:00Z' }, /body\/timestamp is not an allowed field/],
      [{ from: 'ann', to: 'ben', contents: 'x', favorite: true }, /body\/favorite is not an allowed field/],
      [{ from: 'ann', to: 'ben', contents: 'x', message_id: UNKNOWN_ID }, /body\/message_id is not an allowed field/],
      [{ from: 'ann', to: 'ben', contents: 42 }, /body\/contents/],
      [{ from: 'ann', to: ['ben'], contents: 'x' }, /body\/to/],
      [{ from: 'ann', to: 'ben', contents: '' }, /body\/contents/],
      [{ from: 'ann', to: 'ben', contents: '  \n\t ' }, /body\/contents/],
      [{ from: 'ann', to: 'ben', contents: 'x'.repeat(5001) }, /body\/contents/],
      [{ from: 'an n', to: 'ben', contents: 'x' }, /body\/from/],
      [{ from: 'ann', to: '..', contents: 'x' }, /body\/to/],
      [{ from: 'ann', to: 'b'.repeat(65), contents: 'x' }, /body\/to/],
      [null, /body/],
      [[], /body/]
    ]
    for (const [payload, message] of cases) {
      const res = await app.inject({ method: 'POST', url: '/messages', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) })
      t.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 80))
      t.match(res.json(), { statusCode: 400, error: 'Bad Request', message })
    }
    t.equal((await outbox()).length, sent, 'nothing written')
  })

  t.test('malformed JSON, an oversized body and a non-JSON body are 4xx JSON errors and write nothing', async (t) => {
    const sent = (await outbox()).length
    const bad = await app.inject({ method: 'POST', url: '/messages', headers: { 'content-type': 'application/json' }, payload: '{"from": "ann", "to":' })
    t.equal(bad.statusCode, 400)
    t.equal(bad.json().statusCode, 400)
    const big = await app.inject({ method: 'POST', url: '/messages', payload: { from: 'ann', to: 'ben', contents: 'x'.repeat(200_000) } })
    t.equal(big.statusCode, 413)
    t.equal(big.json().code, 'FST_ERR_CTP_BODY_TOO_LARGE')
    const text = await app.inject({ method: 'POST', url: '/messages', headers: { 'content-type': 'text/plain' }, payload: 'hi' })
    t.equal(text.statusCode, 415)
    t.equal(text.json().statusCode, 415)
    t.equal((await outbox()).length, sent, 'nothing written')
  })
})

test('GET and DELETE /messages/:message_id', async (t) => {
  const app = await buildTestApp(t)
  const message = await send(app, 'cat', 'dan', 'hello')

  t.test('reads a message', async (t) => {
    const res = await app.inject({ method: 'GET', url: `/messages/${message.message_id}` })
    t.equal(res.statusCode, 200)
    t.same(res.json(), message)
  })

  t.test('an id in upper case is the same message', async (t) => {
    const res = await app.inject({ method: 'GET', url: `/messages/${message.message_id.toUpperCase()}` })
    t.equal(res.statusCode, 200)
    t.equal(res.json().message_id, message.message_id)
  })

  t.test('an unknown id is a 404', async (t) => {
    const res = await app.inject({ method: 'GET', url: `/messages/${UNKNOWN_ID}` })
    t.equal(res.statusCode, 404)
    t.same(res.json(), { statusCode: 404, error: 'Not Found', message: `message '${UNKNOWN_ID}' does not exist`, code: 'MESSAGES_NOT_FOUND' })
  })

  t.test('something that is not an id is a 400', async (t) => {
    for (const id of ['42', 'not-a-uuid', `urn:uuid:${UNKNOWN_ID}`, UNKNOWN_ID.replaceAll('-', '')]) {
      for (const method of ['GET', 'DELETE'] as const) {
        const res = await app.inject({ method, url: `/messages/${encodeURIComponent(id)}` })
        t.equal(res.statusCode, 400, `${method} ${id}`)
        t.match(res.json().message, /params\/message_id/)
      }
    }
  })

  t.test('deletes: 200 with the message, then it is gone', async (t) => {
    const res = await app.inject({ method: 'DELETE', url: `/messages/${message.message_id}` })
    t.equal(res.statusCode, 200)
    t.same(res.json(), message)
    t.equal((await app.inject({ method: 'GET', url: `/messages/${message.message_id}` })).statusCode, 404)
    const inbox = await app.inject({ method: 'GET', url: '/messages?to=dan' })
    t.same(inbox.json().messages, [], 'gone from the inbox')
  })

  t.test('deleting a missing message is a 404', async (t) => {
    const res = await app.inject({ method: 'DELETE', url: `/messages/${message.message_id}` })
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'MESSAGES_NOT_FOUND')
  })
})

test('POST and DELETE /messages/:message_id/favorite', async (t) => {
  const app = await buildTestApp(t)
  const message = await send(app, 'eve', 'fay')
  const url = `/messages/${message.message_id}/favorite`

  t.test('favorites and unfavorites, idempotently, answering the message', async (t) => {
    for (const [method, favorite] of [['POST', true], ['POST', true], ['DELETE', false], ['DELETE', false], ['POST', true]] as const) {
      const res = await app.inject({ method, url })
      t.equal(res.statusCode, 200, method)
      t.same(res.json(), { ...message, favorite }, `${method} -> favorite ${favorite}`)
    }
    t.equal((await app.inject({ method: 'GET', url: `/messages/${message.message_id}` })).json().favorite, true)
    t.equal((await app.inject({ method: 'GET', url: '/messages?to=fay' })).json().messages[0].favorite, true, 'shown in the inbox')
  })

  t.test('a missing message is a 404, a bad id a 400', async (t) => {
    for (const method of ['POST', 'DELETE'] as const) {
      const missing = await app.inject({ method, url: `/messages/${UNKNOWN_ID}/favorite` })
      t.equal(missing.statusCode, 404, method)
      t.equal(missing.json().code, 'MESSAGES_NOT_FOUND')
      t.equal((await app.inject({ method, url: '/messages/nope/favorite' })).statusCode, 400, method)
    }
  })
})
