import { join } from 'node:path'
import { test } from 'tap'
import { startServiceProcess } from '@platform/stack/testing'

test('server.ts: a real process serves posts and exits 0 on SIGTERM', async (t) => {
  const dir = t.testdir({})
  const service = await startServiceProcess('apps/posts/src/server.ts', { DATABASE_FILE: join(dir, 'posts.db') })
  t.teardown(() => service.stop())

  const created = await fetch(`${service.url}/posts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'hello', text: 'world', community: 'wordle', username: 'alice' })
  })
  t.equal(created.status, 201)
  const location = created.headers.get('location')!
  t.match(location, /^\/posts\/[0-9a-f-]{36}$/)
  t.match(created.headers.get('x-instance'), /^posts@/)

  const read = await fetch(`${service.url}${location}`)
  t.equal(read.status, 200)
  t.equal(((await read.json()) as { title: string }).title, 'hello')

  t.equal((await fetch(`${service.url}/posts/openapi.json`)).status, 200)
  t.equal(await service.stop(), 0, service.output())
})
