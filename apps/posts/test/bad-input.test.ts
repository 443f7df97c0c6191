import { test } from 'tap'
import { aPost, buildTestApp } from './helper.js'

// Every case must be a 4xx JSON error and leave the database as it was.
test('POST /posts refuses bad input and writes nothing', async (t) => {
  const app = await buildTestApp(t, { BODY_LIMIT: '16384' })

  const without = (field: string) => {
    const body: Record<string, unknown> = aPost()
    delete body[field]
    return body
  }
  const cases: [string, unknown, RegExp][] = [
    ['missing title', without('title'), /body\/title is required/],
    ['missing text', without('text'), /body\/text is required/],
    ['missing community', without('community'), /body\/community is required/],
    ['missing username', without('username'), /body\/username is required/],
    ['an unknown field', aPost({ votes: 3 }), /body\/votes is not an allowed field/],
    ['a client-chosen post_id', aPost({ post_id: '00000000-0000-4000-8000-000000000000' }), /body\/post_id is not an allowed field/],
    ['a number for the title', aPost({ title: 42 }), /body\/title/],
    ['null text', aPost({ text: null }), /body\/text/],
    ['a blank title', aPost({ title: '   ' }), /body\/title/],
    ['an empty text', aPost({ text: '' }), /body\/text/],
    ['a title over 300 characters', aPost({ title: 'x'.repeat(301) }), /body\/title/],
    ['a username with a space', aPost({ username: 'al ice' }), /body\/username/],
    ['a username over 64 characters', aPost({ username: 'a'.repeat(65) }), /body\/username/],
    ['a community with a slash', aPost({ community: 'r/news' }), /body\/community/],
    ['a one-letter community', aPost({ community: 'w' }), /body\/community/],
    ['a url that is not a URL', aPost({ url: 'not a url' }), /body\/url/],
    ['a javascript: url', aPost({ url: 'javascript:alert(1)' }), /body\/url/],
    ['an ftp url', aPost({ url: 'ftp://example.com/file' }), /body\/url/],
    ['an array for a body', [aPost()], /body/]
  ]
  for (const [name, payload, message] of cases) {
    const res = await app.inject({ method: 'POST', url: '/posts', payload: payload as object })
    t.equal(res.statusCode, 400, name)
    t.match(res.headers['content-type'], /^application\/json/, name)
    t.match(res.json(), { statusCode: 400, error: 'Bad Request', message }, name)
  }

  const malformed = await app.inject({ method: 'POST', url: '/posts', headers: { 'content-type': 'application/json' }, payload: '{"title": "x",' })
  t.equal(malformed.statusCode, 400, 'malformed JSON')
  t.equal(malformed.json().statusCode, 400)

  const empty = await app.inject({ method: 'POST', url: '/posts', headers: { 'content-type': 'application/json' }, payload: '' })
  t.equal(empty.statusCode, 400, 'empty body')

  const jsonString = await app.inject({ method: 'POST', url: '/posts', headers: { 'content-type': 'application/json' }, payload: '"hello"' })
  t.equal(jsonString.statusCode, 400, 'a JSON string for a body')

  const text = await app.inject({ method: 'POST', url: '/posts', headers: { 'content-type': 'text/plain' }, payload: 'hello' })
  t.equal(text.statusCode, 415, 'a text/plain body')

  const form = await app.inject({ method: 'POST', url: '/posts', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'title=x' })
  t.equal(form.statusCode, 415, 'a form body')
  t.equal(form.json().statusCode, 415)

  const huge = await app.inject({ method: 'POST', url: '/posts', payload: aPost({ text: 'x'.repeat(300_000) }) })
  t.equal(huge.statusCode, 413, 'over the body limit')
  t.equal(huge.json().code, 'FST_ERR_CTP_BODY_TOO_LARGE')

  const long = await app.inject({ method: 'POST', url: '/posts', payload: aPost({ text: 'x'.repeat(10_001) }) })
  t.equal(long.statusCode, 400, 'text over 10000 characters within the body limit')

  const list = await app.inject({ method: 'GET', url: '/posts' })
  t.same(list.json(), { posts: [], next: null }, 'nothing was written')
})
