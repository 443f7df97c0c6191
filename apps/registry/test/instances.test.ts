import { test } from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildTestApp, type TestApp } from './helper.js'

const register = (app: TestApp, body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/registry/instances', payload: body })
const stats = (port: number) => ({ service: 'stats', url: `http://127.0.0.1:${port}`, health_path: '/health' })

test('POST /registry/instances › 201 a new instance; the same URL again 200 with the same id', async (t) => {
  const app = await buildTestApp(t)
  const first = await register(app, stats(5000))
  t.equal(first.statusCode, 201)
  t.match(first.json(), { service: 'stats', prefix: '/stats', url: 'http://127.0.0.1:5000', health_path: '/health', status: 'passing', last_checked: null })
  t.equal(first.headers.location, `/registry/instances/${first.json().instance_id}`)
  const again = await register(app, { ...stats(5000), prefix: '/stats' })
  t.equal(again.statusCode, 200, 'a restarted instance registers again')
  t.equal(again.json().instance_id, first.json().instance_id)
  const taken = await register(app, { service: 'posts', url: 'http://127.0.0.1:5000', health_path: '/health' })
  t.equal(taken.statusCode, 409, 'a URL belongs to one service')
  t.match(taken.json(), { code: 'REGISTRY_URL_TAKEN', message: /as an instance of stats/ })
})

test('POST /registry/instances › bad registrations are 400s naming the field', async (t) => {
  const app = await buildTestApp(t)
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ url: 'http://127.0.0.1:1', health_path: '/health' }, /body\/service is required/],
    [{ ...stats(1), service: 'Stats!' }, /body\/service/],
    [{ ...stats(1), url: 'http://127.0.0.1:1/path' }, /body\/url/],
    [{ ...stats(1), url: 'file:///etc/passwd' }, /body\/url/],
    [{ ...stats(1), health_path: 'health' }, /body\/health_path/],
    [{ ...stats(1), prefix: '/' }, /body\/prefix/],
    [{ ...stats(1), weight: 2 }, /body\/weight is not an allowed field/]
  ]
  for (const [body, message] of cases) {
    const res = await register(app, body)
    t.equal(res.statusCode, 400, JSON.stringify(body))
    t.match(res.json().message, message)
  }
  t.same((await app.inject({ method: 'GET', url: '/registry/instances' })).json(), { instances: [] }, 'nothing registered')
})

test('GET /registry/instances and /registry/health › every instance with its status; a service summary', async (t) => {
  const app = await buildTestApp(t)
  await register(app, stats(5001))
  await register(app, stats(5000))
  await register(app, { service: 'cinema-movies', url: 'http://127.0.0.1:5300', health_path: '/health', prefix: '/cinema/movies' })
  const all = (await app.inject({ method: 'GET', url: '/registry/instances' })).json().instances
  t.same(all.map((i: { service: string, url: string }) => `${i.service} ${i.url}`), [
    'cinema-movies http://127.0.0.1:5300', 'stats http://127.0.0.1:5000', 'stats http://127.0.0.1:5001'
  ])
  t.equal((await app.inject({ method: 'GET', url: '/registry/instances?service=cinema-movies' })).json().instances[0].prefix, '/cinema/movies')
  const health = await app.inject({ method: 'GET', url: '/registry/health?service=stats' })
  t.match(health.json(), { service: 'stats', status: 'passing', passing: 2, critical: 0 })
  const unknown = await app.inject({ method: 'GET', url: '/registry/health?service=nobody' })
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().code, 'REGISTRY_SERVICE_NOT_FOUND')
  t.equal((await app.inject({ method: 'GET', url: '/registry/health' })).statusCode, 400, 'service is required')
})

test('DELETE /registry/instances/:id › 200 the instance as it was, then 404', async (t) => {
  const app = await buildTestApp(t)
  const { instance_id: id } = (await register(app, stats(5000))).json()
  const gone = await app.inject({ method: 'DELETE', url: `/registry/instances/${id}` })
  t.equal(gone.statusCode, 200)
  t.equal(gone.json().url, 'http://127.0.0.1:5000')
  t.equal((await app.inject({ method: 'DELETE', url: `/registry/instances/${id}` })).statusCode, 404)
})

test('registrations outlive a restart of the registry', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'registry.db')
  const before = await buildTestApp(t, { DATABASE_FILE: file })
  const { instance_id: id } = (await register(before, stats(5000))).json()
  await before.close()
  const after = await buildTestApp(t, { DATABASE_FILE: file })
  t.same((await after.inject({ method: 'GET', url: '/registry/instances' })).json().instances.map((i: { instance_id: string }) => i.instance_id), [id])
})
