import { test } from 'tap'
import { join } from 'node:path'
import { rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { shardOf } from '@platform/shard'
import { buildLayout, verifyLayout, readManifest, layoutFiles, type LayoutInput } from '../src/layout/index.js'
import { buildApp } from '../src/app.js'
import { loadStatsConfig } from '../src/config.js'
import { dateToDay } from '../src/days.js'

/** Twelve users, a few games each, ids chosen so every shard gets some. */
function smallInput (): LayoutInput {
  const users = 12
  const ids = Array.from({ length: users }, (_, i) => {
    const id = Buffer.alloc(16)
    id.writeUInt32BE(0x1000 + i * 7919, 12)
    id[6] = 0x40
    id[8] = 0x80
    return id
  })
  const usernames = ids.map((_, i) => `user${i}`)
  const games: [number, number, string, number, number][] = []
  for (let u = 0; u < users; u++) {
    for (let k = 0; k < u % 5; k++) games.push([u, 100 + k, `2022-04-${String(10 + k).padStart(2, '0')}`, 1 + ((u + k) % 6), (u + k) % 4 === 0 ? 0 : 1])
  }
  return {
    ids,
    usernames,
    gameUser: Int32Array.from(games.map((g) => g[0])),
    gameId: Float64Array.from(games.map((g) => g[1])),
    gameDay: Int32Array.from(games.map((g) => dateToDay(g[2]))),
    guesses: Uint8Array.from(games.map((g) => g[3])),
    won: Uint8Array.from(games.map((g) => g[4]))
  }
}

test('buildLayout puts every game in the shard its user maps to, and verify finds no fault', async (t) => {
  const dir = t.testdir({})
  const input = smallInput()
  const result = await buildLayout(input, { out: dir, shardCount: 3 })
  t.same(result, { users: 12, games: input.gameUser.length })
  t.match(readManifest(dir)?.shards, [/^games-0\.1\.[0-9a-f]{8}\.db$/, /^games-1\.1\./, /^games-2\.1\./])
  for (let s = 0; s < 3; s++) {
    const db = new Database(layoutFiles(dir).shards[s]!, { readonly: true })
    const owners = db.prepare('SELECT DISTINCT user_id FROM games').all() as { user_id: Buffer }[]
    t.ok(owners.length > 0, `shard ${s} holds games`)
    t.ok(owners.every((o) => shardOf(o.user_id, 3) === s), `shard ${s} holds only its own users`)
    db.close()
  }
  t.same(verifyLayout(dir).faults, [])
})

test('buildLayout refuses to overwrite a layout without force', async (t) => {
  const dir = t.testdir({})
  await buildLayout(smallInput(), { out: dir, shardCount: 3 })
  await t.rejects(buildLayout(smallInput(), { out: dir, shardCount: 3 }), /already holds a layout/)
  await buildLayout(smallInput(), { out: dir, shardCount: 2, force: true })
  t.equal(readManifest(dir)?.shard_count, 2)
  t.same(verifyLayout(dir).faults, [], 'the forced 2-shard layout is whole, the third shard gone')
})

test('verify catches a misplaced game and a wrong aggregate, naming them', async (t) => {
  const dir = t.testdir({})
  await buildLayout(smallInput(), { out: dir, shardCount: 3 })
  const db0 = new Database(layoutFiles(dir).shards[0]!)
  const db1 = new Database(layoutFiles(dir).shards[1]!)
  const victim = db0.prepare('SELECT user_id, game_id, finished, guesses, won FROM games LIMIT 1').get() as Record<string, unknown>
  db1.prepare('INSERT INTO games VALUES (@user_id, 999, @finished, @guesses, @won)').run(victim)
  const other = db1.prepare('SELECT user_id FROM user_stats ORDER BY user_id LIMIT 1').get() as { user_id: Buffer }
  db1.prepare('UPDATE user_stats SET games_won = games_won + 1 WHERE user_id = ?').run(other.user_id)
  db0.close()
  db1.close()

  const { faults } = verifyLayout(dir)
  t.ok(faults.some((f) => /games-1\.\S+: user .* game\(s\) here but maps to shard 0/.test(f)), 'misplaced game named')
  t.ok(faults.some((f) => /games-1\.\S+: user .*: games_won is \d+, the games say \d+/.test(f)), 'wrong aggregate named')
})

test('verify reports a missing layout and a missing shard', async (t) => {
  t.match(verifyLayout(t.testdir({})).faults, [/no layout\.json/])
  const dir = t.testdir({})
  await buildLayout(smallInput(), { out: dir, shardCount: 3 })
  const shard2 = readManifest(dir)!.shards[2]!
  rmSync(join(dir, shard2))
  t.same(verifyLayout(dir).faults, [`${shard2} is missing`])
})

test('the service refuses a layout with another shard count', async (t) => {
  const dir = t.testdir({})
  await buildLayout(smallInput(), { out: dir, shardCount: 2 })
  await t.rejects(buildApp(loadStatsConfig({ LOG_LEVEL: 'silent', SHARDS_DIR: dir, SHARD_COUNT: '3' })), /2-shard layout but SHARD_COUNT is 3/)
})

test('the service serves a built layout: stats match the definitions', async (t) => {
  const dir = t.testdir({})
  const input = smallInput()
  await buildLayout(input, { out: dir, shardCount: 3 })
  const app = await buildApp(loadStatsConfig({ LOG_LEVEL: 'silent', SHARDS_DIR: dir }))
  t.teardown(() => app.close())
  const user = (await app.inject({ method: 'GET', url: '/stats/users?username=user4' })).json()
  const stats = (await app.inject({ method: 'GET', url: `/stats/users/${user.user_id}` })).json()
  // user4 played games 100..103 (k = 0..3) on April 10..13 with 1 + (4 + k) % 6 guesses = 5, 6, 1, 2,
  // and lost only k = 0 ((4 + k) % 4 == 0): won 6, 1 and 2 guesses on three days in a row.
  t.same(stats, {
    currentStreak: 3,
    maxStreak: 3,
    guesses: { 1: 1, 2: 1, 3: 0, 4: 0, 5: 0, 6: 1, fail: 1 },
    winPercentage: 75,
    gamesPlayed: 4,
    gamesWon: 3,
    averageGuesses: 3
  })
})
