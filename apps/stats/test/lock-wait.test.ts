// Another instance holding a shard's write lock must not stall this one: its writes wait
// asynchronously (health and reads keep answering), and a lock held too long is a 503 the client
// may retry, never a 500.
import { test } from 'tap'
import Database from 'better-sqlite3'
import { shardOf } from '@platform/shard'
import { layoutFiles } from '../src/layout/index.js'
import { buildTestApp, createUser, postGame } from './helper.js'

test('a write waits for another instance\'s lock without blocking the instance, then succeeds', async (t) => {
  const app = await buildTestApp(t)
  const dir = app.layout.dir
  const id = await createUser(app, 'waiter')
  // Another instance's connection, holding the user's shard in a write transaction.
  const other = new Database(layoutFiles(dir).shards[shardOf(id, 3)]!)
  t.teardown(() => other.close())
  other.exec('BEGIN IMMEDIATE')

  const writing = postGame(app, id, { game_id: 1, finished: '2022-01-01', won: true })
  const started = Date.now()
  const health = await app.inject({ method: 'GET', url: '/health' })
  const stats = await app.inject({ method: 'GET', url: `/stats/users/${id}` })
  t.equal(health.statusCode, 200, 'health answers while the write waits')
  t.equal(stats.statusCode, 200, 'reads answer while the write waits')
  t.ok(Date.now() - started < 500, 'at once, not after the lock is released')
  setTimeout(() => other.exec('COMMIT'), 300)
  t.equal((await writing).statusCode, 201, 'the write went through once the lock was free')
})

test('a lock held past the wait is a 503 with Retry-After, and nothing is written', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'blocked')
  const other = new Database(layoutFiles(app.layout.dir).shards[shardOf(id, 3)]!)
  t.teardown(() => other.close())
  other.exec('BEGIN IMMEDIATE')
  const res = await postGame(app, id, { game_id: 1, finished: '2022-01-01', won: true })
  other.exec('COMMIT')
  t.equal(res.statusCode, 503)
  t.equal(res.headers['retry-after'], '1')
  t.match(res.json(), { statusCode: 503, code: 'STATS_STORE_BUSY' })
  t.equal((await app.inject({ method: 'GET', url: `/stats/users/${id}/games/1` })).statusCode, 404, 'not written')
  t.equal((await postGame(app, id, { game_id: 1, finished: '2022-01-01', won: true })).statusCode, 201, 'the retry succeeds')
})
