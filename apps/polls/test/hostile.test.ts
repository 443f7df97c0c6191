import { test } from 'tap'
import { aPoll, buildTestApp } from './helper.js'

// Every UTF-16 unit as a \\u escape: an emoji takes 12 bytes.
const escapeAll = (text: string) => Array.from({ length: text.length }, (_, i) => `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')

test('POST /polls takes the longest poll the contract allows, every character escaped', async (t) => {
  const app = await buildTestApp(t)
  const title = '🙂'.repeat(300)
  const responses = Array.from({ length: 10 }, (_, i) => `${i}${'🙂'.repeat(99)}`)
  const payload = `{"title":"${escapeAll(title)}","username":"alice","responses":[${responses.map((r) => `"${escapeAll(r)}"`).join(',')}]}`
  const res = await app.inject({ method: 'POST', url: '/polls', headers: { 'content-type': 'application/json' }, payload })
  t.equal(res.statusCode, 201)
  t.same(res.json().responses, responses)
})

test('polls: ill-formed Unicode and invisible responses are 400s naming the response', async (t) => {
  const app = await buildTestApp(t)
  const lone = await app.inject({ method: 'POST', url: '/polls', headers: { 'content-type': 'application/json' }, payload: '{"title":"Q","username":"alice","responses":["a","b\\udfffc"]}' })
  t.equal(lone.statusCode, 400)
  t.match(lone.json().message, /^body\/responses\/1 must be well-formed Unicode/)
  const blank = await app.inject({ method: 'POST', url: '/polls', payload: aPoll({ responses: ['a', '\u200b\u2060'] }) })
  t.equal(blank.statusCode, 400)
  t.match(blank.json().message, /body\/responses\/1 must be .*not blank/)
  const search = await app.inject({ method: 'GET', url: '/polls?title=%ED%A0%80' })
  t.equal(search.statusCode, 400, 'an encoded lone surrogate in the query')
  t.equal(search.json().code, 'FST_ERR_BAD_URL')
  t.same((await app.inject({ method: 'GET', url: '/polls' })).json().polls, [], 'nothing was written')
})
