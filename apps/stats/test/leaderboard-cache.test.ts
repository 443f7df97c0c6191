import { test } from 'tap'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadStatsConfig } from '../src/config.js'
import { createLeaderboardCache } from '../src/leaderboard-cache.js'
import { createUser, play, winsOn, type App } from './helper.js'

const board = async (app: App, which: 'wins' | 'streaks', limit = 10) => {
  const res = await app.inject({ method: 'GET', url: `/stats/leaderboards/${which}?limit=${limit}` })
  return res.json().map((r: { username: string, wins?: number, streak?: number }) => `${r.username}:${r.wins ?? r.streak}`)
}

test('leaderboards stay exact with two instances writing to the same shards', async (t) => {
  const dir = t.testdir({})
  const config = loadStatsConfig({ LOG_LEVEL: 'silent', SHARDS_DIR: dir })
  const a = await testApp(t, buildApp(config))
  const b = await testApp(t, buildApp(config))

  const amy = await createUser(a, 'amy')
  await play(a, amy, winsOn(['2022-01-01', '2022-01-02']))
  t.same(await board(a, 'wins'), ['amy:2'], 'instance A sees its own writes')
  t.same(await board(b, 'wins'), ['amy:2'], 'instance B sees A\'s writes')
  t.same(await board(a, 'wins', 1), ['amy:2'], 'another limit is another answer')

  // B commits: A's cached answers must go (data_version of that shard changed on A's connection).
  const bob = await createUser(b, 'bob')
  await play(b, bob, winsOn(['2022-01-01', '2022-01-02', '2022-01-03']))
  t.same(await board(a, 'wins'), ['bob:3', 'amy:2'], 'A reflects a write made through B')
  t.same(await board(a, 'streaks'), ['bob:3', 'amy:2'])
  t.same(await board(a, 'wins', 1), ['bob:3'])

  // A commits again: its own connection's data_version does not move, its commit count does.
  await play(a, amy, winsOn(['2022-01-03', '2022-01-04', '2022-01-05'], 10))
  t.same(await board(a, 'wins'), ['amy:5', 'bob:3'], 'A reflects its own write')
  t.same(await board(b, 'streaks'), ['amy:5', 'bob:3'], 'and B reflects it')
})

test('the cache computes once per state of the shards', async (t) => {
  const dir = t.testdir({})
  const files = [join(dir, 's0.db'), join(dir, 's1.db')]
  const mine = files.map((f) => new Database(f))
  const other = files.map((f) => new Database(f))
  t.teardown(() => [...mine, ...other].forEach((db) => db.close()))
  for (const db of mine) db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER)')
  let own = 0
  let computed = 0
  const cache = createLeaderboardCache(mine, () => own)
  const sum = () => {
    computed++
    return mine.reduce((n, db) => n + (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 0)
  }

  t.equal(cache.get('k', sum), 0)
  t.equal(cache.get('k', sum), 0)
  t.equal(computed, 1, 'unchanged shards: the answer is reused')

  const nextTurn = () => new Promise((resolve) => setImmediate(resolve))
  other[1]!.prepare('INSERT INTO t VALUES (1)').run()
  t.equal(cache.get('k', sum), 0, 'the versions are read once per event-loop turn: this turn keeps its answer')
  await nextTurn()
  t.equal(cache.get('k', sum), 1, 'a commit through another connection is seen from the next turn')
  t.equal(computed, 2)

  mine[0]!.prepare('INSERT INTO t VALUES (1)').run()
  t.equal(cache.get('k', sum), 1, 'a commit on the cache\'s own connection is not seen by data_version...')
  own++
  t.equal(cache.get('k', sum), 2, '...until the own-commit count says so')
  t.equal(cache.get('k', sum), 2)
  t.equal(computed, 3)
})
