// Without Redis the formation still runs two likes instances: on one SQLite file.
import { join } from 'node:path'
import { test } from 'tap'
import { startServiceProcess } from '@platform/stack/testing'
import { newPostId, statuses } from './helper.js'

test('two likes processes on one SQLite file: every like counted once', async (t) => {
  const env = { LIKES_STORE: 'sqlite', DATABASE_FILE: join(t.testdir({}), 'likes.db') }
  const [one, two] = await Promise.all([
    startServiceProcess('apps/likes/src/server.ts', env),
    startServiceProcess('apps/likes/src/server.ts', env)
  ])
  t.teardown(() => Promise.all([one.stop(), two.stop()]))
  const post = newPostId()
  const send = async (base: string, username: string) => {
    const res = await fetch(`${base}/likes/posts/${post}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) })
    await res.arrayBuffer()
    return { statusCode: res.status, instance: res.headers.get('x-instance') }
  }
  const [many, eve] = await Promise.all([
    Promise.all(Array.from({ length: 200 }, (_, i) => send(i % 2 ? one.url : two.url, `user_${i}`))),
    Promise.all(Array.from({ length: 50 }, (_, i) => send(i % 2 ? one.url : two.url, 'eve')))
  ])
  t.same(statuses(many), { 201: 200 })
  t.same(statuses(eve), { 201: 1, 409: 49 })
  t.equal(new Set([...many, ...eve].map((a) => a.instance)).size, 2, 'both instances answered')
  for (const p of [one, two]) t.same(await (await fetch(`${p.url}/likes/posts/${post}`)).json(), { post_id: post, likes: 201 })
  t.equal(await one.stop(), 0, one.output())
  t.equal(await two.stop(), 0, two.output())
})
