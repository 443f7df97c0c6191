import { test } from 'tap'
import { aPost, buildTestApp, createPost } from './helper.js'

// Through the gateway a write carries its token's user in x-auth-user.
test('a post is written and deleted as the token\'s user only', async (t) => {
  const app = await buildTestApp(t)
  const forged = await app.inject({ method: 'POST', url: '/posts', headers: { 'x-auth-user': 'mallory' }, payload: aPost({ username: 'alice' }) })
  t.equal(forged.statusCode, 403)
  t.same(forged.json(), { statusCode: 403, error: 'Forbidden', message: 'mallory may not act as alice', code: 'POSTS_FORBIDDEN' })
  t.same((await app.inject({ method: 'GET', url: '/posts' })).json().posts, [], 'nothing written')
  const own = await app.inject({ method: 'POST', url: '/posts', headers: { 'x-auth-user': 'alice' }, payload: aPost({ username: 'alice' }) })
  t.equal(own.statusCode, 201)

  const post = await createPost(app, { username: 'alice' })
  const notHers = await app.inject({ method: 'DELETE', url: `/posts/${post.post_id}`, headers: { 'x-auth-user': 'bob' } })
  t.equal(notHers.statusCode, 403, 'only the author deletes')
  t.equal((await app.inject({ method: 'GET', url: `/posts/${post.post_id}` })).statusCode, 200, 'still there')
  t.equal((await app.inject({ method: 'DELETE', url: `/posts/${post.post_id}`, headers: { 'x-auth-user': 'alice' } })).statusCode, 200)
})
