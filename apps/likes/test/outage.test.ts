// A real redis-server stopped and started again under a real likes process.
import { test } from 'tap'
import { sleep, startServiceProcess } from '@platform/stack/testing'
import { POST_A } from './helper.js'
import { startRedis } from './redis.js'

async function call (url: string, method = 'GET', body?: object) {
  const res = await fetch(url, {
    method,
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {})
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> }
}

test('Redis down under a running service: JSON 503s with Retry-After, nothing half-applied, back by itself; likes survive restarting everything', async (t) => {
  const redis = await startRedis(t)
  const env = { LIKES_STORE: 'redis', REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '500' }
  let svc = await startServiceProcess('apps/likes/src/server.ts', env)
  t.teardown(() => svc.stop())
  const like = (username: string) => call(`${svc.url}/likes/posts/${POST_A}`, 'POST', { username })

  t.equal((await like('alice')).status, 201)
  t.same((await call(`${svc.url}/health/ready`)).body.checks, ['likes-store:redis'])

  await redis.stop()
  const down = await like('bob')
  t.equal(down.status, 503, 'a write while Redis is down')
  t.equal(down.headers.get('retry-after'), '1')
  t.match(down.headers.get('content-type'), /^application\/json/)
  t.match(down.body, { statusCode: 503, error: 'Service Unavailable', code: 'LIKES_STORE_UNAVAILABLE', message: /not answering.*try again/ })
  t.equal((await call(`${svc.url}/likes/posts/${POST_A}/likers/alice`, 'DELETE')).status, 503, 'an unlike too')
  t.equal((await call(`${svc.url}/likes/posts/${POST_A}`)).status, 503, 'a read too')
  t.equal((await call(`${svc.url}/health`)).status, 200, 'alive: the gateway keeps it, and clients get the JSON 503s')
  const ready = await call(`${svc.url}/health/ready`)
  t.equal(ready.status, 503)
  t.same(ready.body.failed, ['likes-store:redis'], 'readiness names the store')

  await redis.start()
  // It reconnects by itself (at least once a second); the bound only keeps a broken build from hanging.
  let back = false
  for (let i = 0; i < 200 && !back; i++) {
    back = (await call(`${svc.url}/health/ready`)).status === 200
    if (!back) await sleep(100)
  }
  t.ok(back, 'ready again without a restart of the service')
  const again = await like('bob')
  t.equal(again.status, 201, "bob's refused like was never applied: now it is")
  t.equal(again.body.likes, 2, "alice's like came back from the append-only file")
  t.equal((await like('alice')).status, 409)

  // Stopping while Redis is away is still a clean exit.
  await redis.stop()
  t.equal(await svc.stop(), 0, svc.output())

  // Everything restarted: the likes are still there.
  await redis.start()
  svc = await startServiceProcess('apps/likes/src/server.ts', env)
  t.same((await call(`${svc.url}/likes/posts/${POST_A}`)).body, { post_id: POST_A, likes: 2 })
  const page = await call(`${svc.url}/likes/users/bob`)
  t.same((page.body.posts as { post_id: string }[]).map((p) => p.post_id), [POST_A])
  t.equal(await svc.stop(), 0, svc.output())
})

test('a service started while Redis is down starts anyway, and serves once Redis comes', async (t) => {
  const redis = await startRedis(t)
  await redis.stop()
  const svc = await startServiceProcess('apps/likes/src/server.ts', { LIKES_STORE: 'redis', REDIS_URL: redis.url })
  t.teardown(() => svc.stop())
  t.equal((await call(`${svc.url}/likes/posts/${POST_A}`, 'POST', { username: 'alice' })).status, 503)
  await redis.start()
  let status = 0
  for (let i = 0; i < 200 && status !== 201; i++) {
    status = (await call(`${svc.url}/likes/posts/${POST_A}`, 'POST', { username: 'alice' })).status
    if (status !== 201) await sleep(100)
  }
  t.equal(status, 201)
  t.equal(await svc.stop(), 0, svc.output())
})
