import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { test } from 'tap'
import { buildTestApp, createUser } from './helper.js'

test('POST /users/:username/karma/increment and decrement', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'max')

  t.test('increment and decrement answer the new karma', async (t) => {
    const up = await app.inject({ method: 'POST', url: '/users/max/karma/increment' })
    t.equal(up.statusCode, 200)
    t.same(up.json(), { username: 'max', karma: 1 })
    const up2 = await app.inject({ method: 'POST', url: '/users/max/karma/increment' })
    t.same(up2.json(), { username: 'max', karma: 2 })
    const down = await app.inject({ method: 'POST', url: '/users/max/karma/decrement' })
    t.equal(down.statusCode, 200)
    t.same(down.json(), { username: 'max', karma: 1 })
    t.equal((await app.inject({ method: 'GET', url: '/users/max' })).json().karma, 1)
  })

  t.test('karma may go below zero', async (t) => {
    await createUser(app, 'neg')
    const res = await app.inject({ method: 'POST', url: '/users/neg/karma/decrement' })
    t.same(res.json(), { username: 'neg', karma: -1 })
  })

  t.test('an unknown user is a 404', async (t) => {
    for (const action of ['increment', 'decrement']) {
      const res = await app.inject({ method: 'POST', url: `/users/nobody/karma/${action}` })
      t.equal(res.statusCode, 404)
      t.equal(res.json().code, 'USERS_NOT_FOUND')
    }
  })

  t.test('a deactivated account is a 409 and its karma stays', async (t) => {
    await createUser(app, 'old')
    await app.inject({ method: 'POST', url: '/users/old/karma/increment' })
    await app.inject({ method: 'DELETE', url: '/users/old' })
    for (const action of ['increment', 'decrement']) {
      const res = await app.inject({ method: 'POST', url: `/users/old/karma/${action}` })
      t.equal(res.statusCode, 409, action)
      t.match(res.json(), { statusCode: 409, code: 'USERS_INACTIVE' })
    }
    t.equal((await app.inject({ method: 'GET', url: '/users/old' })).json().karma, 1)
  })

  t.test('any other action is a JSON 404', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/users/max/karma/double' })
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'USERS_ROUTE_NOT_FOUND')
  })
})

test('parallel karma changes from four threads on one database lose none', async (t) => {
  // Each worker is its own app and connection, as instances behind the gateway are, and they
  // run truly in parallel: a read-then-write implementation loses updates here.
  const file = join(t.testdir(), 'users.db')
  const app = await buildTestApp(t, { DATABASE_FILE: file })
  await createUser(app, 'busy')
  const workers = 4
  const increments = 300
  const decrements = 100
  const results = await Promise.all(
    Array.from({ length: workers }, () => {
      const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
        workerData: { entry: new URL('./karma-worker.ts', import.meta.url).href, file, username: 'busy', increments, decrements }
      })
      return new Promise<number[]>((resolve, reject) => {
        worker.once('message', resolve)
        worker.once('error', reject)
      })
    })
  )
  const statuses = results.flat()
  t.equal(statuses.length, workers * (increments + decrements))
  t.ok(statuses.every((s) => s === 200), 'every call answered 200')
  const res = await app.inject({ method: 'GET', url: '/users/busy' })
  t.equal(res.json().karma, workers * (increments - decrements))
})
