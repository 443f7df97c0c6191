// A real service process registers itself with a real registry once it listens, and withdraws
// when told to stop: the kit does it for every service.
import { test } from 'tap'
import { join } from 'node:path'
import { startServiceProcess, sleep } from '@platform/stack/testing'
import { buildTestApp } from './helper.js'

test('a service registers when it starts listening and deregisters when it stops', async (t) => {
  const registry = await buildTestApp(t, { CHECK_INTERVAL_MS: '3600000' })
  await registry.listen({ host: '127.0.0.1', port: 0 })
  const registryUrl = `http://127.0.0.1:${(registry.server.address() as { port: number }).port}`
  const posts = await startServiceProcess('apps/posts/src/server.ts', { REGISTRY_URL: registryUrl, DATABASE_FILE: join(t.testdir({}), 'posts.db') })
  const listed = async () => (await registry.inject({ method: 'GET', url: '/registry/instances?service=posts' })).json().instances
  for (let i = 0; i < 50 && (await listed()).length === 0; i++) await sleep(100)
  t.match(await listed(), [{ service: 'posts', prefix: '/posts', url: posts.url, health_path: '/health', status: 'passing' }])
  t.equal(await posts.stop(), 0, 'it stopped cleanly')
  t.same(await listed(), [], 'and withdrew its registration')
})
