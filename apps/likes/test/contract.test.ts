// The likes contract, run as it is against both stores: a real Redis started here, and the
// embedded SQLite store. Whatever a client can see must be the same on either.
import t from 'tap'
import type { Test } from 'tap'
import { buildRedisTestApp, buildTestApp, count, like, newPostId, POST_A, statuses, unlike, type TestApp } from './helper.js'
import { startRedis } from './redis.js'

const redis = await startRedis(t)
const stores: [string, (t: Test) => Promise<TestApp>][] = [
  ['redis', (t) => buildRedisTestApp(t, redis) as Promise<TestApp>],
  ['sqlite', (t) => buildTestApp(t)]
]

function contract (name: string, fn: (t: Test, app: TestApp) => Promise<void>) {
  for (const [store, build] of stores) t.test(`${store} › ${name}`, async (t) => fn(t, await build(t)))
}

contract('POST /likes/posts/:post_id › 201 with the count and a Location that reads the like back', async (t, app) => {
  const res = await like(app, POST_A, 'alice')
  t.equal(res.statusCode, 201)
  t.same(res.json(), { post_id: POST_A, username: 'alice', likes: 1 })
  t.equal(res.headers.location, `/likes/posts/${POST_A}/likers/alice`)
  const read = await app.inject({ method: 'GET', url: res.headers.location as string })
  t.equal(read.statusCode, 200)
  t.match(read.json(), { post_id: POST_A, username: 'alice' })
  t.ok(Math.abs(Date.parse(read.json().liked_at) - Date.now()) < 60_000, 'liked_at is now')
  t.same((await like(app, POST_A, 'bob')).json(), { post_id: POST_A, username: 'bob', likes: 2 })
  t.equal(await count(app, POST_A), 2)
})

contract('POST /likes/posts/:post_id › a second like by the same user is a 409 and changes nothing', async (t, app) => {
  await like(app, POST_A, 'alice')
  const again = await like(app, POST_A, 'alice')
  t.equal(again.statusCode, 409)
  t.match(again.json(), { statusCode: 409, code: 'LIKES_ALREADY_LIKED', message: 'alice already likes post ' + POST_A })
  t.equal(await count(app, POST_A), 1)
  t.equal((await like(app, POST_A.toUpperCase(), 'alice')).statusCode, 409, 'the same post in capitals is the same post')
  t.equal((await like(app, newPostId(), 'alice')).statusCode, 201, 'one like per post, not one in all')
})

contract('post ids in capitals are the same post, answered in lower case', async (t, app) => {
  const res = await like(app, POST_A.toUpperCase(), 'alice')
  t.equal(res.json().post_id, POST_A)
  t.equal(res.headers.location, `/likes/posts/${POST_A}/likers/alice`)
  t.same((await app.inject({ method: 'GET', url: `/likes/posts/${POST_A.toUpperCase()}` })).json(), { post_id: POST_A, likes: 1 })
})

contract('GET /likes/posts/:post_id › 0 for a post nobody likes', async (t, app) => {
  const res = await app.inject({ method: 'GET', url: `/likes/posts/${POST_A}` })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { post_id: POST_A, likes: 0 })
})

contract('DELETE /likes/posts/:post_id/likers/:username › 200 with the likes left; 404 when there was no like', async (t, app) => {
  await like(app, POST_A, 'alice')
  await like(app, POST_A, 'bob')
  const res = await unlike(app, POST_A, 'alice')
  t.equal(res.statusCode, 200)
  t.same(res.json(), { post_id: POST_A, username: 'alice', likes: 1 })
  const again = await unlike(app, POST_A, 'alice')
  t.equal(again.statusCode, 404)
  t.equal(again.json().code, 'LIKES_LIKE_NOT_FOUND')
  t.equal((await app.inject({ method: 'GET', url: `/likes/posts/${POST_A}/likers/alice` })).statusCode, 404, 'the like is gone')
  t.same((await unlike(app, POST_A, 'bob')).json().likes, 0)
  t.equal(await count(app, POST_A), 0)
  t.equal((await like(app, POST_A, 'alice')).json().likes, 1, 'a user may like again after taking it back')
  t.equal((await unlike(app, newPostId(), 'carol')).statusCode, 404, 'a post nobody likes')
})

contract('GET /likes/users/:username › the posts a user likes, newest first, paged without repeats or gaps', async (t, app) => {
  const posts = Array.from({ length: 7 }, () => newPostId())
  for (const p of posts) t.equal((await like(app, p, 'alice')).statusCode, 201)
  await like(app, newPostId(), 'bob')
  await unlike(app, posts[3]!, 'alice')
  const expected = [...posts].reverse().filter((p) => p !== posts[3])

  const seen: string[] = []
  let url = '/likes/users/alice?limit=2'
  for (let pages = 0; pages < 10; pages++) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 200)
    const page = res.json()
    t.equal(page.username, 'alice')
    t.ok(page.posts.length <= 2)
    for (const p of page.posts) t.ok(Math.abs(Date.parse(p.liked_at) - Date.now()) < 60_000, 'liked_at is a time')
    seen.push(...page.posts.map((p: { post_id: string }) => p.post_id))
    if (page.next === null) break
    url = `/likes/users/alice?limit=2&before=${page.next}`
  }
  t.same(seen, expected, 'every like once, newest first, the one taken back left out')
  const first = (await app.inject({ method: 'GET', url: '/likes/users/alice' })).json()
  t.same(first.posts.map((p: { post_id: string }) => p.post_id), expected, 'default limit 20')
  t.equal(first.next, null)
  t.same((await app.inject({ method: 'GET', url: '/likes/users/nobody' })).json(), { username: 'nobody', posts: [], next: null })
})

contract('GET /likes/top › most liked first, ties by post id, limit 1..100', async (t, app) => {
  const [p1, p2, p3, p4] = ['00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003', 'ffffffff-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
  const likes: [string, number][] = [[p1!, 1], [p2!, 3], [p3!, 3], [p4!, 2]]
  for (const [post, n] of likes) for (let i = 0; i < n; i++) await like(app, post, `user_${i}`)
  await like(app, newPostId(), 'gone')
  await unlike(app, (await app.inject({ method: 'GET', url: '/likes/users/gone' })).json().posts[0].post_id, 'gone')

  const top = await app.inject({ method: 'GET', url: '/likes/top' })
  t.equal(top.statusCode, 200)
  t.same(top.json(), [{ post_id: p2, likes: 3 }, { post_id: p3, likes: 3 }, { post_id: p4, likes: 2 }, { post_id: p1, likes: 1 }], 'a post nobody likes any more is not ranked')
  t.same((await app.inject({ method: 'GET', url: '/likes/top?limit=2' })).json(), [{ post_id: p2, likes: 3 }, { post_id: p3, likes: 3 }])
  await unlike(app, p2!, 'user_0')
  t.same((await app.inject({ method: 'GET', url: '/likes/top?limit=3' })).json(), [{ post_id: p3, likes: 3 }, { post_id: p4, likes: 2 }, { post_id: p2, likes: 2 }], 'an unlike moves the post down, behind an equal count with a lower id')
  for (const limit of ['0', '101', 'x', '1.5']) t.equal((await app.inject({ method: 'GET', url: `/likes/top?limit=${limit}` })).statusCode, 400, `limit=${limit}`)
})

contract('writes name their token user or are a 403, and change nothing', async (t, app) => {
  const mallory = { 'x-auth-user': 'mallory' }
  const res = await like(app, POST_A, 'alice', mallory)
  t.equal(res.statusCode, 403)
  t.equal(res.json().code, 'LIKES_FORBIDDEN')
  t.equal(await count(app, POST_A), 0)
  await like(app, POST_A, 'alice', { 'x-auth-user': 'ALICE' })
  t.equal((await unlike(app, POST_A, 'alice', mallory)).statusCode, 403)
  t.equal(await count(app, POST_A), 1)
})

contract('200 parallel likes of one post by different users give 200; 50 by one user give one 201 and 49 409s', async (t, app) => {
  const post = newPostId()
  const many = await Promise.all(Array.from({ length: 200 }, (_, i) => like(app, post, `user_${i}`)))
  t.same(statuses(many), { 201: 200 })
  t.same(many.map((r) => r.json().likes).sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i + 1), 'each like saw its own count')
  const one = await Promise.all(Array.from({ length: 50 }, () => like(app, post, 'eve')))
  t.same(statuses(one), { 201: 1, 409: 49 })
  t.equal(await count(app, post), 201)
  t.same((await app.inject({ method: 'GET', url: '/likes/top?limit=1' })).json(), [{ post_id: post, likes: 201 }], 'the ranking agrees')
})

contract('parallel likes and unlikes: the count always equals the likers', async (t, app) => {
  const post = newPostId()
  for (let i = 0; i < 60; i++) await like(app, post, `user_${i}`)
  // Users 0..59 take their like back while users 60..119 like, all at once; user_0..29 twice.
  const answers = await Promise.all([
    ...Array.from({ length: 60 }, (_, i) => unlike(app, post, `user_${i}`)),
    ...Array.from({ length: 30 }, (_, i) => unlike(app, post, `user_${i}`)),
    ...Array.from({ length: 60 }, (_, i) => like(app, post, `user_${60 + i}`))
  ])
  t.same(statuses(answers), { 200: 60, 404: 30, 201: 60 })
  t.equal(await count(app, post), 60)
  const likers = await Promise.all(Array.from({ length: 120 }, (_, i) => app.inject({ method: 'GET', url: `/likes/posts/${post}/likers/user_${i}` })))
  t.same(likers.map((r) => r.statusCode), [...Array(60).fill(404), ...Array(60).fill(200)])
})

contract('bad requests are 400s naming the field', async (t, app) => {
  const cases: [string, string, unknown, RegExp][] = [
    ['POST', `/likes/posts/${POST_A}`, {}, /body\/username is required/],
    ['POST', `/likes/posts/${POST_A}`, { username: 'a b' }, /body\/username/],
    ['POST', `/likes/posts/${POST_A}`, { username: 7 }, /body\/username/],
    ['POST', `/likes/posts/${POST_A}`, { username: 'alice', weight: 2 }, /body\/weight is not an allowed field/],
    ['POST', '/likes/posts/not-a-post', { username: 'alice' }, /params\/post_id/],
    ['GET', '/likes/posts/42', undefined, /params\/post_id/],
    ['DELETE', `/likes/posts/${POST_A}/likers/a%20b`, undefined, /params\/username/],
    ['GET', '/likes/users/..', undefined, /params\/username|not found/],
    ['GET', '/likes/users/alice?limit=0', undefined, /querystring\/limit/],
    ['GET', '/likes/users/alice?limit=101', undefined, /querystring\/limit/],
    ['GET', '/likes/users/alice?before=AAAA', undefined, /querystring\/before/],
    ['GET', '/likes/users/alice?sort=old', undefined, /querystring\/sort is not an allowed field/],
    ['GET', '/likes/top?sort=old', undefined, /querystring\/sort is not an allowed field/]
  ]
  for (const [method, url, payload, message] of cases) {
    const res = await app.inject({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }) })
    t.ok([400, 404].includes(res.statusCode), `${method} ${url}: ${res.statusCode}`)
    t.match(res.json(), { message }, `${method} ${url}`)
  }
  t.equal(await count(app, POST_A), 0, 'nothing was written')
})

contract('/health/ready names the store it checked', async (t, app) => {
  const res = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(res.statusCode, 200)
  t.match(res.json().checks, [/^likes-store:(redis|sqlite)$/])
})
