import { test } from 'tap'
import { buildTestApp, send } from './helper.js'

const json = { 'content-type': 'application/json' }

test('POST /messages takes every contents the contract allows, whatever its bytes', async (t) => {
  // The default settings, as the formation runs the service.
  const app = await buildTestApp(t, { BODY_LIMIT: String(16 * 1024) })
  for (const [name, contents] of [
    ['5,000 emoji (20 KB of UTF-8)', '🙂'.repeat(5000)],
    ['5,000 é', 'é'.repeat(5000)],
    ['5,000 quotes (10 KB escaped)', '"'.repeat(5000)]
  ]) {
    const res = await app.inject({ method: 'POST', url: '/messages', payload: { from: 'ann', to: 'ben', contents } })
    t.equal(res.statusCode, 201, name)
    t.equal(res.json().contents, contents, `${name}: as sent`)
  }
  const escaped = `{"from":"ann","to":"ben","contents":"${'\\ud83d\\ude42'.repeat(5000)}"}`
  t.equal((await app.inject({ method: 'POST', url: '/messages', headers: json, payload: escaped })).statusCode, 201, '5,000 emoji as \\u escapes (60 KB)')
  const over = await app.inject({ method: 'POST', url: '/messages', payload: { from: 'ann', to: 'ben', contents: 'x'.repeat(200_000) } })
  t.equal(over.statusCode, 413)
})

test('POST /messages refuses ill-formed Unicode and invisible contents', async (t) => {
  const app = await buildTestApp(t)
  const lone = await app.inject({ method: 'POST', url: '/messages', headers: json, payload: '{"from":"ann","to":"ben","contents":"hi \\ud800"}' })
  t.equal(lone.statusCode, 400)
  t.match(lone.json().message, /^body\/contents must be well-formed Unicode/)
  for (const contents of ['\u200b', '\u2060', '\u3164\u3164', '\u200b \u200b']) {
    const res = await app.inject({ method: 'POST', url: '/messages', payload: { from: 'ann', to: 'ben', contents } })
    t.equal(res.statusCode, 400, JSON.stringify(contents))
    t.match(res.json().message, /body\/contents must be .*not blank/)
  }
  t.same((await app.inject({ method: 'GET', url: '/messages?from=ann' })).json().messages, [], 'nothing was sent')
})

test('messages: decimal limits only, unknown parameters refused on every route', async (t) => {
  const app = await buildTestApp(t)
  const message = await send(app, 'ann', 'ben')
  for (const limit of ['0x10', '1e1', '+5', '%2010']) {
    const res = await app.inject({ method: 'GET', url: `/messages?to=ben&limit=${limit}` })
    t.equal(res.statusCode, 400, `limit=${limit}`)
    t.match(res.json().message, /querystring\/limit must be an integer written in decimal digits/)
  }
  for (const [method, url] of [
    ['GET', `/messages/${message.message_id}?x=1`],
    ['DELETE', `/messages/${message.message_id}?x=1`],
    ['POST', `/messages/${message.message_id}/favorite?x=1`],
    ['DELETE', `/messages/${message.message_id}/favorite?x=1`]
  ]) {
    const res = await app.inject({ method: method as 'GET', url })
    t.equal(res.statusCode, 400, `${method} ${url}`)
    t.match(res.json().message, /querystring\/x is not an allowed field/)
  }
  t.equal((await app.inject({ method: 'GET', url: `/messages/${message.message_id}` })).json().favorite, false, 'untouched')
})
