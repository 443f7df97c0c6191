import { test } from 'tap'
import { openDatabase } from '@platform/sqlite'
import { createGamesStore } from '../src/games-store.js'
import { aggregate, type GameFacts } from '../src/aggregates.js'
import { dayToDate } from '../src/days.js'
import { statsRowOf } from '../src/stats-row.js'
import { SHARD_MIGRATIONS } from '../src/layout/manifest.js'

// A tiny deterministic PRNG, so a failure names a seed that reproduces it.
function lcg (seed: number) {
  let s = seed
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296)
}

test('the incremental store agrees with the definitions for random histories in random order', async (t) => {
  const db = openDatabase(':memory:', { migrations: SHARD_MIGRATIONS })
  t.teardown(() => db.close())
  const store = createGamesStore(db)
  for (let seed = 1; seed <= 200; seed++) {
    const random = lcg(seed)
    const userId = Buffer.alloc(16)
    userId.writeUInt32BE(seed, 12)
    const n = 1 + Math.floor(random() * 30)
    const span = 1 + Math.floor(random() * 40) // short spans make long streaks and same-day games
    const games: GameFacts[] = Array.from({ length: n }, () => ({
      day: 19000 + Math.floor(random() * span),
      guesses: 1 + Math.floor(random() * 6),
      won: random() < 0.7
    }))
    for (const [i, g] of games.entries()) await store.insert({ userId, gameId: i + 1, finished: dayToDate(g.day), guesses: g.guesses, won: g.won }, g.day, `u${seed}`)
    const expected = aggregate(games)
    const got = store.stats(userId)
    const want = statsRowOf(expected)
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      t.same(got, want, `seed ${seed}`)
      return
    }
    const runs = db.prepare('SELECT start_day, end_day FROM win_runs WHERE user_id = ? ORDER BY end_day').all(userId) as { start_day: number; end_day: number }[]
    t.same(runs.map((r) => [r.start_day, r.end_day]), expected.runs, `seed ${seed}: runs are the maximal won-day runs`)
  }
  t.pass('200 random histories agree')
})

test('a duplicate game leaves the aggregates untouched', async (t) => {
  const db = openDatabase(':memory:', { migrations: SHARD_MIGRATIONS })
  t.teardown(() => db.close())
  const store = createGamesStore(db)
  const userId = Buffer.alloc(16, 7)
  await store.insert({ userId, gameId: 1, finished: '2022-01-01', guesses: 2, won: true }, 18993, 'dup')
  const before = store.stats(userId)
  await t.rejects(store.insert({ userId, gameId: 1, finished: '2022-01-02', guesses: 3, won: true }, 18994, 'dup'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })
  t.same(store.stats(userId), before)
  t.equal((db.prepare('SELECT count(*) AS n FROM win_runs').get() as { n: number }).n, 1)
})
