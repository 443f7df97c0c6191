import { gzipSync } from 'node:zlib'
import { test } from 'tap'
import { aPost, buildTestApp, createPost } from './helper.js'

const json = { 'content-type': 'application/json' }

test('POST /posts takes every text the contract allows, whatever its bytes', async (t) => {
  const app = await buildTestApp(t)
  const cases: [string, string][] = [
    ['a text of 10,000 é (20 KB of UTF-8)', 'é'.repeat(10_000)],
    ['a text of 10,000 emoji (40 KB of UTF-8)', '🙂'.repeat(10_000)],
    ['a text of 10,000 quotes (20 KB escaped)', '"'.repeat(10_000)]
  ]
  for (const [name, text] of cases) {
    const res = await app.inject({ method: 'POST', url: '/posts', payload: aPost({ title: '🙂'.repeat(300), text }) })
    t.equal(res.statusCode, 201, name)
    const read = await app.inject({ method: 'GET', url: res.headers.location as string })
    t.equal(read.json().text, text, `${name}: read back as sent`)
  }
  const escaped = `{"title":"t","community":"wordle","username":"alice","text":"${'\\ud83d\\ude42'.repeat(10_000)}"}`
  t.equal((await app.inject({ method: 'POST', url: '/posts', headers: json, payload: escaped })).statusCode, 201, '10,000 emoji written as \\u escapes (120 KB)')
  const over = await app.inject({ method: 'POST', url: '/posts', payload: aPost({ text: 'x'.repeat(300_000) }) })
  t.equal(over.statusCode, 413, 'a body far over any valid post')
})

test('POST /posts refuses ill-formed Unicode and invisible text, naming the field', async (t) => {
  const app = await buildTestApp(t)
  for (const [payload, field] of [
    ['{"title":"x\\ud800y","text":"t","community":"wordle","username":"alice"}', 'title'],
    ['{"title":"x","text":"\\udc00","community":"wordle","username":"alice"}', 'text']
  ]) {
    const res = await app.inject({ method: 'POST', url: '/posts', headers: json, payload })
    t.equal(res.statusCode, 400, payload)
    t.match(res.json().message, new RegExp(`^body/${field} must be well-formed Unicode`))
  }
  for (const blank of ['\u200b', '\u2060\u2060', '\u3164', '\u00a0 \ufeff']) {
    for (const field of ['title', 'text']) {
      const res = await app.inject({ method: 'POST', url: '/posts', payload: aPost({ [field]: blank }) })
      t.equal(res.statusCode, 400, `${field} ${JSON.stringify(blank)}`)
      t.match(res.json().message, new RegExp(`body/${field} must be .*not blank`))
    }
  }
  t.same((await app.inject({ method: 'GET', url: '/posts' })).json().posts, [], 'nothing was written')
})

test('posts: numbers in the query are decimal, unknown parameters are refused everywhere', async (t) => {
  const app = await buildTestApp(t)
  const post = await createPost(app)
  for (const limit of ['0x10', '0b11', '0o7', '1e1', '%2010', '+5']) {
    const res = await app.inject({ method: 'GET', url: `/posts?limit=${limit}` })
    t.equal(res.statusCode, 400, `limit=${limit}`)
    t.match(res.json().message, /querystring\/limit must be an integer written in decimal digits/)
  }
  for (const [method, url] of [['GET', `/posts/${post.post_id}?foo=1`], ['DELETE', `/posts/${post.post_id}?x=1`], ['POST', '/posts?x=1'], ['GET', '/posts?limit=5&x=1']]) {
    const res = await app.inject({ method: method as 'GET', url, ...(method === 'POST' ? { payload: aPost() } : {}) })
    t.equal(res.statusCode, 400, `${method} ${url}`)
    t.match(res.json().message, /querystring\/(foo|x) is not an allowed field/)
  }
  t.equal((await app.inject({ method: 'GET', url: `/posts/${post.post_id}` })).statusCode, 200, 'the post is still there')
})

test('POST /posts decodes a gzip body, refuses plain JSON labelled gzip and unknown codings', async (t) => {
  const app = await buildTestApp(t)
  const body = JSON.stringify(aPost({ title: 'Zipped' }))
  const zipped = await app.inject({ method: 'POST', url: '/posts', headers: { ...json, 'content-encoding': 'gzip' }, payload: gzipSync(body) })
  t.equal(zipped.statusCode, 201)
  t.equal(zipped.json().title, 'Zipped')
  const plain = await app.inject({ method: 'POST', url: '/posts', headers: { ...json, 'content-encoding': 'gzip' }, payload: body })
  t.equal(plain.statusCode, 400)
  t.equal(plain.json().code, 'FST_ERR_CTP_INVALID_CONTENT_ENCODING')
  const other = await app.inject({ method: 'POST', url: '/posts', headers: { ...json, 'content-encoding': 'compress' }, payload: body })
  t.equal(other.statusCode, 415)
})
