import { test } from 'tap'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '@platform/sqlite'
import { createVotesStore, TOP_SQL } from '../src/votes-store.js'

const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url))
const post = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`

test('tallies always equal a recount of the votes', async (t) => {
  const db = openDatabase(':memory:', { migrations: MIGRATIONS })
  t.teardown(() => db.close())
  const store = createVotesStore(db)
  // A fixed pseudo-random walk of new, repeated and reversed votes (reproducible, no Math.random).
  let seed = 42
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  for (let i = 0; i < 2000; i++) store.vote(post(next(5)), `user_${next(30)}`, next(2) ? 'up' : 'down')

  const recount = db.prepare(
    'SELECT post_id, sum(direction = 1) AS upvotes, sum(direction = -1) AS downvotes FROM votes GROUP BY post_id'
  )
  const counted = new Map((recount.all() as { post_id: Buffer; upvotes: number; downvotes: number }[]).map((r) => [r.post_id.toString('hex'), r]))
  t.equal(counted.size, 5)
  for (let p = 0; p < 5; p++) {
    const row = counted.get(post(p).replaceAll('-', ''))!
    t.same(store.tally(post(p)), { post_id: post(p), upvotes: row.upvotes, downvotes: row.downvotes, score: row.upvotes - row.downvotes }, post(p))
  }
})

test('a refused vote leaves no trace', async (t) => {
  const db = openDatabase(':memory:', { migrations: MIGRATIONS })
  t.teardown(() => db.close())
  const store = createVotesStore(db)
  store.vote(post(1), 'alice', 'up', 'wordle')
  const before = db.prepare('SELECT * FROM votes').all()
  t.same(store.vote(post(1), 'alice', 'up'), { outcome: 'same-vote' })
  t.same(store.vote(post(1), 'alice', 'down', 'nodejs'), { outcome: 'community-mismatch', recorded: 'wordle', given: 'nodejs' })
  t.same(db.prepare('SELECT * FROM votes').all(), before)
  t.same(store.tally(post(1)), { post_id: post(1), upvotes: 1, downvotes: 0, score: 1 })
})

test('top reads the score indexes in order, never sorting the table', async (t) => {
  const db = openDatabase(':memory:', { migrations: MIGRATIONS })
  t.teardown(() => db.close())
  for (const sql of Object.values(TOP_SQL)) {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ limit: 5, community: 'a' }) as { detail: string }[]).map((r) => r.detail).join('; ')
    t.match(plan, /USING (COVERING )?INDEX tallies_by_/, plan)
    t.notMatch(plan, /TEMP B-TREE/, `${plan}: no sort`)
  }
})
