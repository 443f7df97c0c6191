// The formation as the Procfile runs it: its own redis-server (scripts/redis-server.sh) on a
// socket in the formation's DATA_DIR, two likes instances behind the gateway.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'tap'
import { REPO_ROOT } from '@platform/kit'
import { signUp, sleep, startTestStack, type TestAccount, type TestStack } from '@platform/stack/testing'
import { newPostId, statuses } from './helper.js'

test('two likes instances on the formation\'s Redis: every like counted once, and kept across a restart of everything', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'likes-formation-'))
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }))
  let stack: TestStack | undefined
  t.teardown(() => stack?.stop())
  const start = async () => {
    stack = await startTestStack({ formation: 'likes=2,redis=1,docs=1,users=1', env: { DATA_DIR: dataDir } })
    return stack
  }
  // A like is a write: through the gateway it carries the liker's token.
  const send = async (base: string, path: string, body?: object, as?: TestAccount) => {
    const res = await fetch(`${base}${path}`, {
      method: body ? 'POST' : 'GET',
      ...(body ? { headers: { 'content-type': 'application/json', ...as?.auth }, body: JSON.stringify(body) } : {})
    })
    return { statusCode: res.status, instance: res.headers.get('x-instance'), body: (await res.json()) as { checks?: string[] } }
  }

  let s = await start()
  t.ok(existsSync(join(dataDir, 'redis', 'redis.sock')), 'Redis listens on the socket in DATA_DIR')
  for (const p of s.plan.filter((p) => p.type === 'likes')) {
    t.same((await send(`http://127.0.0.1:${p.port}`, '/health/ready')).body.checks, ['likes-store:redis'], `${p.name} uses it`)
  }

  const post = newPostId()
  // 60 signed-up users here (each sign-up hashes a password); the in-process contract suite runs 200.
  const users = await Promise.all(Array.from({ length: 60 }, (_, i) => signUp(s.baseUrl, `user_${i}`)))
  const many = await Promise.all(users.map((u) => send(s.baseUrl, `/likes/posts/${post}`, { username: u.username }, u)))
  t.same(statuses(many), { 201: 60 }, '60 parallel likes by different users through the gateway')
  t.equal(new Set(many.map((a) => a.instance)).size, 2, 'both instances answered')
  const eve = await signUp(s.baseUrl, 'eve')
  const one = await Promise.all(Array.from({ length: 50 }, () => send(s.baseUrl, `/likes/posts/${post}`, { username: 'eve' }, eve)))
  t.same(statuses(one), { 201: 1, 409: 49 }, '50 parallel likes by one user')
  t.same((await send(s.baseUrl, `/likes/posts/${post}`)).body, { post_id: post, likes: 61 })

  await s.stop()
  stack = undefined
  s = await start()
  t.same((await send(s.baseUrl, `/likes/posts/${post}`)).body, { post_id: post, likes: 61 }, 'after a restart of everything')
  t.same((await send(s.baseUrl, '/likes/top?limit=1')).body, [{ post_id: post, likes: 61 }])
  await s.stop()
  stack = undefined
})

test('scripts/redis-server.sh without redis-server on PATH says so and stays up until told to stop', async (t) => {
  const dir = t.testdir({})
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  // A PATH with what the script itself uses, and no redis-server.
  for (const tool of ['sh', 'sleep', 'dirname']) {
    const found = ['/usr/bin', '/bin'].map((d) => join(d, tool)).find((f) => existsSync(f))
    if (found) symlinkSync(found, join(bin, tool))
  }
  const child = spawn(join(bin, 'sh'), [join(REPO_ROOT, 'scripts/redis-server.sh')], { env: { PATH: bin, DATA_DIR: join(dir, 'data') }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (c) => (output += c))
  const exited = once(child, 'exit')
  for (let i = 0; i < 100 && !output.includes('\n'); i++) await sleep(20)
  t.match(output, /redis: no redis-server on PATH: the likes service keeps likes in SQLite/)
  await sleep(300)
  t.equal(child.exitCode, null, 'still running: a foreman would stop the formation if it exited')
  child.kill('SIGTERM')
  t.same(await exited, [0, null], 'SIGTERM ends it with 0')
})
