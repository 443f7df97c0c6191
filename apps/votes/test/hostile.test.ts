import { randomUUID } from 'node:crypto'
import { test } from 'tap'
import { buildTestApp, POST_A, vote } from './helper.js'

const escapeAll = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')

test('POST /votes/sort takes 200 post ids however they are written', async (t) => {
  const app = await buildTestApp(t)
  const ids = Array.from({ length: 200 }, () => randomUUID())
  // Every character of every id as a \u escape: still valid JSON naming 200 UUIDs (45 KB).
  const payload = `{"post_ids":[${ids.map((id) => `"${escapeAll(id)}"`).join(',')}]}`
  const res = await app.inject({ method: 'POST', url: '/votes/sort', headers: { 'content-type': 'application/json' }, payload })
  t.equal(res.statusCode, 200)
  t.equal(res.json().length, 200)
  const tooMany = await app.inject({ method: 'POST', url: '/votes/sort', payload: { post_ids: Array.from({ length: 5000 }, () => randomUUID()) } })
  t.equal(tooMany.statusCode, 413, '5,000 ids are far over any valid body')
})

test('votes: decimal limits only, unknown parameters refused on every route', async (t) => {
  const app = await buildTestApp(t)
  t.equal((await vote(app, POST_A, 'up', { username: 'alice' })).statusCode, 201)
  for (const limit of ['0x10', '0b11', '1e1', '+5']) {
    const res = await app.inject({ method: 'GET', url: `/votes/top?limit=${limit}` })
    t.equal(res.statusCode, 400, `limit=${limit}`)
    t.match(res.json().message, /querystring\/limit must be an integer written in decimal digits/)
  }
  for (const [method, url] of [['GET', `/votes/${POST_A}?x=1`], ['POST', `/votes/${POST_A}/upvotes?x=1`], ['POST', '/votes/sort?x=1'], ['GET', '/votes/top?x=1']]) {
    const res = await app.inject({ method: method as 'GET', url, ...(method === 'POST' ? { payload: url.includes('sort') ? { post_ids: [] } : { username: 'bob' } } : {}) })
    t.equal(res.statusCode, 400, `${method} ${url}`)
    t.match(res.json().message, /querystring\/x is not an allowed field/)
  }
  t.match((await app.inject({ method: 'GET', url: `/votes/${POST_A}` })).json(), { upvotes: 1 }, 'only alice\'s vote counted')
})
