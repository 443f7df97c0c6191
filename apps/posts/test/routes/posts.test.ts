import { test } from 'tap'
import { aPost, buildTestApp, createPost } from '../helper.js'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

test('POST /posts', async (t) => {
  const app = await buildTestApp(t)

  t.test('answers 201 with the post and its Location', async (t) => {
    const before = Date.now()
    const res = await app.inject({ method: 'POST', url: '/posts', payload: aPost({ url: 'https://example.com/a?b=c' }) })
    t.equal(res.statusCode, 201)
    t.match(res.headers['content-type'], /^application\/json/)
    const post = res.json()
    t.match(post.post_id, UUID_RE)
    t.equal(res.headers.location, `/posts/${post.post_id}`)
    t.same(post, { ...aPost({ url: 'https://example.com/a?b=c' }), post_id: post.post_id, created_at: post.created_at })
    t.ok(Date.parse(post.created_at) >= before - 1 && Date.parse(post.created_at) <= Date.now() + 1, 'created now')
  })

  t.test('a post without url has no url field', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/posts', payload: aPost() })
    t.equal(res.statusCode, 201)
    t.notOk('url' in res.json())
  })

  t.test('each post gets its own id', async (t) => {
    const a = await createPost(app)
    const b = await createPost(app)
    t.not(a.post_id, b.post_id)
  })
})

test('GET /posts/:post_id', async (t) => {
  const app = await buildTestApp(t)
  const created = await createPost(app, { url: 'http://example.com' })

  t.test('answers 200 with the whole post', async (t) => {
    const res = await app.inject({ method: 'GET', url: `/posts/${created.post_id}` })
    t.equal(res.statusCode, 200)
    t.same(res.json(), created)
  })

  t.test('the id is matched whatever its case', async (t) => {
    const res = await app.inject({ method: 'GET', url: `/posts/${created.post_id.toUpperCase()}` })
    t.equal(res.statusCode, 200)
    t.equal(res.json().post_id, created.post_id)
  })

  t.test('answers 404 for an id nobody posted', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/posts/00000000-0000-4000-8000-000000000000' })
    t.equal(res.statusCode, 404)
    t.same(res.json(), {
      statusCode: 404,
      error: 'Not Found',
      message: 'Post 00000000-0000-4000-8000-000000000000 not found',
      code: 'POSTS_POST_NOT_FOUND'
    })
  })

  t.test('answers 400 naming the parameter for an id that is not a UUID', async (t) => {
    for (const bad of ['42', 'not-a-uuid', 'urn:uuid:00000000-0000-4000-8000-000000000000', '00000000000040008000000000000000']) {
      const res = await app.inject({ method: 'GET', url: `/posts/${encodeURIComponent(bad)}` })
      t.equal(res.statusCode, 400, bad)
      t.match(res.json(), { statusCode: 400, code: 'FST_ERR_VALIDATION', message: /params\/post_id/ }, bad)
    }
  })
})

test('DELETE /posts/:post_id', async (t) => {
  const app = await buildTestApp(t)
  const created = await createPost(app)
  const other = await createPost(app)

  t.test('answers 200 with the deleted post, which is then gone', async (t) => {
    const res = await app.inject({ method: 'DELETE', url: `/posts/${created.post_id}` })
    t.equal(res.statusCode, 200)
    t.same(res.json(), created)
    t.equal((await app.inject({ method: 'GET', url: `/posts/${created.post_id}` })).statusCode, 404)
    const list = (await app.inject({ method: 'GET', url: '/posts' })).json()
    t.same(list.posts.map((p: { post_id: string }) => p.post_id), [other.post_id], 'only the other post is listed')
  })

  t.test('answers 404 the second time', async (t) => {
    const res = await app.inject({ method: 'DELETE', url: `/posts/${created.post_id}` })
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'POSTS_POST_NOT_FOUND')
  })

  t.test('answers 400 for an id that is not a UUID', async (t) => {
    const res = await app.inject({ method: 'DELETE', url: '/posts/abc' })
    t.equal(res.statusCode, 400)
    t.equal((await app.inject({ method: 'GET', url: `/posts/${other.post_id}` })).statusCode, 200, 'nothing deleted')
  })
})

test('docs: the spec at /posts/openapi.json documents every route', async (t) => {
  const app = await buildTestApp(t)
  const spec = (await app.inject({ method: 'GET', url: '/posts/openapi.json' })).json()
  t.ok(spec.paths['/posts'].post)
  t.ok(spec.paths['/posts'].get)
  t.ok(spec.paths['/posts/{post_id}'].get)
  t.ok(spec.paths['/posts/{post_id}'].delete)
  t.equal((await app.inject({ method: 'GET', url: '/docs/' })).statusCode, 200)
})
