import { test } from 'tap'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '@platform/sqlite'
import { createPostsStore, LIST_SQL } from '../src/posts-store.js'

const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url))

test('paging is exact when many posts share one created_at', async (t) => {
  const db = openDatabase(':memory:', { migrations: MIGRATIONS })
  t.teardown(() => db.close())
  let clock = 1_700_000_000_000
  const store = createPostsStore(db, () => clock)
  const ids: string[] = []
  for (let i = 0; i < 10; i++) {
    // Three posts per millisecond: page boundaries fall inside a run of equal timestamps.
    if (i % 3 === 0) clock++
    ids.push(store.create({ title: `t${i}`, text: 'x', community: i % 2 ? 'b' : 'a', username: 'bob' }).post_id)
  }

  for (const limit of [1, 2, 3, 4, 10]) {
    const seen: string[] = []
    let page = store.list({ limit })
    seen.push(...page.posts.map((p) => p.post_id))
    while (page.next) {
      page = store.list({ limit, before: page.next })
      seen.push(...page.posts.map((p) => p.post_id))
    }
    t.same(seen, [...ids].reverse(), `limit ${limit}: every post once, newest first`)
  }

  const inA: string[] = []
  let page = store.list({ limit: 2, community: 'a' })
  inA.push(...page.posts.map((p) => p.post_id))
  while (page.next) {
    page = store.list({ limit: 2, community: 'a', before: page.next })
    inA.push(...page.posts.map((p) => p.post_id))
  }
  t.same(inA, ids.filter((_, i) => i % 2 === 0).reverse(), 'community pages too')
})

test('lists read an index range, never the whole table', async (t) => {
  const db = openDatabase(':memory:', { migrations: MIGRATIONS })
  t.teardown(() => db.close())
  const args = { take: 5, community: 'a', at: 1, seq: 2 }
  const plans = Object.values(LIST_SQL).map((sql) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as { detail: string }[]).map((r) => r.detail).join('; ')
  )
  for (const plan of plans) {
    t.match(plan, /USING (COVERING )?INDEX posts_by_/, plan)
    t.notMatch(plan, /TEMP B-TREE/, `${plan}: no sort`)
  }
})
