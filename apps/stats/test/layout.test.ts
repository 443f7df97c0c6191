import { test } from 'tap'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { shardOf } from '@platform/shard'
import { buildLayout, verifyLayout, readManifest, layoutFiles, openLayout, holdExclusive, writersFor, type LayoutInput } from '../src/layout/index.js'
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

const dbFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.db')).sort()

/** Every row of every table of a layout, file by file, in key order. */
function dumpLayout (dir: string): Record<string, unknown[]>[] {
  const files = layoutFiles(dir)
  return [files.users, ...files.shards].map((file) => {
    const db = new Database(file, { readonly: true })
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name)
    const dump = Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table}`).all()]))
    db.close()
    return dump
  })
}

test('writer threads write the same rows as the building thread alone, with the texts given for finished', async (t) => {
  const input = { ...smallInput(), finished: undefined }
  // As migrate gives them: each game's stored text by index (here a timestamp for every third game).
  const texts = ['2022-04-10T05:00:00.000Z', '2022-04-11', '2022-04-12', '2022-04-13', '2022-04-14']
  const withTexts: LayoutInput = { ...input, finished: { texts, of: Int32Array.from(input.gameDay, (day) => day - input.gameDay.reduce((a, b) => Math.min(a, b))) } }
  for (const [name, data] of [['dates', input], ['texts', withTexts]] as const) {
    const alone = t.testdir({})
    const threaded = join(alone, 'threaded')
    await buildLayout(data, { out: alone, shardCount: 3 })
    // The thread writes every shard: this thread, which would join in after the users file, does not.
    const writers = writersFor(Infinity, 3)!
    const threadsOnly = { ...writers, write: (...args: Parameters<typeof writers.write>) => ({ ...writers.write(...args), here () {} }) }
    await buildLayout(data, { out: threaded, shardCount: 3, writers: threadsOnly })
    t.same(dumpLayout(threaded), dumpLayout(alone), `${name}: same rows in every table`)
    t.same(verifyLayout(threaded).faults, [], `${name}: it verifies`)
    // Staged: the users first (their file filled on a thread), the games made after.
    const staged = join(alone, 'staged')
    const { ids, usernames, ...games } = data
    const calls: string[] = []
    const fresh = writersFor(Infinity, 3)!
    const spy = { ...fresh, writeUsers: (...args: Parameters<typeof fresh.writeUsers>) => { calls.push('users'); return fresh.writeUsers(...args) } }
    await buildLayout({ users: { ids, usernames }, games: () => { calls.push('games'); return games } }, { out: staged, shardCount: 3, writers: spy })
    t.same(calls, ['users', 'games'], `${name}: the users file is under way before the games are made`)
    t.same(dumpLayout(staged), dumpLayout(alone), `${name}: staged, same rows in every table`)
  }
  const stored = new Database(layoutFiles(join(t.testdirName, 'threaded')).shards[0]!, { readonly: true })
  const finished = (stored.prepare('SELECT DISTINCT finished FROM games').all() as { finished: string }[]).map((r) => r.finished)
  stored.close()
  t.ok(finished.every((f) => texts.includes(f)), 'finished is the text given')
})

test('a build whose writer threads fail keeps the old layout and removes its own files', async (t) => {
  const dir = t.testdir({})
  await buildLayout(smallInput(), { out: dir, shardCount: 3 })
  const before = readManifest(dir)
  let closed = false
  const failing = {
    writeUsers: () => Promise.reject(new Error('writer thread failed')),
    write: () => ({ here () {}, done: Promise.reject(new Error('writer thread failed')) }),
    close: async () => { closed = true }
  }
  await t.rejects(buildLayout(smallInput(), { out: dir, shardCount: 3, force: true, writers: failing }), /writer thread failed/)
  t.ok(closed, 'the threads are closed')
  t.same(readManifest(dir), before)
  t.same(dbFiles(dir), [before!.users, ...before!.shards].sort())
})

test('a forced rebuild writes a new generation, commits it with the manifest, then removes the old files', async (t) => {
  const dir = t.testdir({})
  await buildLayout(smallInput(), { out: dir, shardCount: 3 })
  const first = readManifest(dir)!
  t.equal(first.format, 2)
  t.equal(first.generation, 1)
  t.equal(first.rows[first.users]?.users, 12, 'row counts per file in the manifest')
  const steps: string[] = []
  await buildLayout(smallInput(), {
    out: dir,
    shardCount: 3,
    force: true,
    onStep (step) {
      steps.push(step)
      const names = dbFiles(dir)
      if (step === 'written') t.ok([first.users, ...first.shards].every((f) => names.includes(f)), 'old files untouched until the commit')
      if (step === 'written') t.same(readManifest(dir), first, 'the old manifest still rules before the commit')
    }
  })
  t.same(steps, ['locked', 'written', 'committed', 'cleaned'])
  const second = readManifest(dir)!
  t.equal(second.generation, 2)
  t.same(dbFiles(dir), [second.users, ...second.shards].sort(), 'only the new generation is left')
  t.same(verifyLayout(dir).faults, [])
})

test('a build whose counts are refused before the commit keeps the old layout and removes its own files', async (t) => {
  const dir = t.testdir({})
  await buildLayout(smallInput(), { out: dir, shardCount: 3 })
  const before = readManifest(dir)
  await t.rejects(buildLayout(smallInput(), {
    out: dir,
    shardCount: 3,
    force: true,
    beforeCommit (rows) {
      t.equal(rows.users, 12)
      throw new Error('counts differ')
    }
  }), /counts differ/)
  t.same(readManifest(dir), before)
  t.same(dbFiles(dir), [before!.users, ...before!.shards].sort())
})

test('opening a layout whose shard file is missing is an error, and the file is not recreated', async (t) => {
  const dir = t.testdir({})
  await buildLayout(smallInput(), { out: dir, shardCount: 3 })
  const shard1 = readManifest(dir)!.shards[1]!
  rmSync(join(dir, shard1))
  t.throws(() => openLayout(dir, 3), new RegExp(`${shard1.replace(/\./g, '\\.')}, which is missing`))
  t.notOk(existsSync(join(dir, shard1)), 'not recreated empty')
})

test('a folder with layout files but no manifest is refused, not adopted', async (t) => {
  const dir = t.testdir({ 'users.db': '', 'games-0.db': '' })
  t.throws(() => openLayout(dir, 3), /holds layout files but no layout\.json \(games-0\.db, users\.db\)/)
  t.notOk(existsSync(join(dir, 'layout.json')), 'no manifest written for it')
  await t.rejects(buildLayout(smallInput(), { out: dir, shardCount: 3 }), /no layout\.json .* pass --force/)
  await buildLayout(smallInput(), { out: dir, shardCount: 3, force: true })
  t.notOk(existsSync(join(dir, 'users.db')), 'a forced build replaces them')
})

test('leftovers of a build that never committed are ignored by open and removed by the next build', async (t) => {
  const dir = t.testdir({ 'users.1.0badf00d.db': 'half', 'games-0.1.0badf00d.db': 'half' })
  const layout = openLayout(dir, 3)
  t.equal(layout.shards.count, 3, 'an empty layout of its own')
  layout.close()
  t.ok(existsSync(join(dir, 'users.1.0badf00d.db')))
  t.match(verifyLayout(dir).notes, [/games-0\.1\.0badf00d\.db is not part of the layout/, /users\.1\.0badf00d\.db is not part/])
  await buildLayout(smallInput(), { out: dir, shardCount: 3, force: true })
  t.notOk(existsSync(join(dir, 'users.1.0badf00d.db')), 'removed by the next build')
})

test('a build is refused while an instance has the layout open (layout.lock), and goes through once it closes', async (t) => {
  const dir = t.testdir({})
  await buildLayout(smallInput(), { out: dir, shardCount: 3 })
  const before = readManifest(dir)
  const layout = openLayout(dir, 3)
  await t.rejects(buildLayout(smallInput(), { out: dir, shardCount: 3, force: true }), /is in use: running stats instances/)
  t.same(readManifest(dir), before, 'nothing replaced under the instance')
  t.ok(layout.users.usernameOf(smallInput().ids[0]!), 'the instance still reads its files')
  layout.close()
  await buildLayout(smallInput(), { out: dir, shardCount: 3, force: true })
  t.equal(readManifest(dir)!.generation, 2)
})

test('an instance waits at start while a build holds the folder, and says so if it takes too long', async (t) => {
  const dir = t.testdir({})
  const lock = holdExclusive(dir)
  t.throws(() => openLayout(dir, 3, 50), /a layout build .* holds layout\.lock/)
  lock.release()
  openLayout(dir, 3, 50).close()
})

test('verify checks the manifest against its files, row counts against the manifest, and orphan winning runs', async (t) => {
  const dir = t.testdir({})
  await buildLayout(smallInput(), { out: dir, shardCount: 3 })
  const manifest = readManifest(dir)!
  const shard = manifest.shards[0]!
  const db = new Database(join(dir, shard))
  db.prepare("INSERT INTO win_runs (user_id, end_day, start_day) VALUES (X'00000000000000000000000000000000', 19000, 18990)").run()
  db.close()
  t.match(verifyLayout(dir).faults, [/winning run\(s\) of user 00000000-0000-0000-0000-000000000000, who has no games here/])

  const grown = { ...manifest, rows: { ...manifest.rows, [shard]: { ...manifest.rows[shard], games: manifest.rows[shard]!.games! + 5 } } }
  writeFileSync(join(dir, 'layout.json'), JSON.stringify(grown))
  t.match(verifyLayout(dir).faults, [/games has \d+ rows, fewer than the \d+ layout.json recorded at build/])

  writeFileSync(join(dir, 'layout.json'), JSON.stringify({ ...manifest, shards: manifest.shards.slice(0, 2) }))
  t.match(verifyLayout(dir).faults, ['layout.json: shard_count is 3 but it names 2 shard file(s)'])
})

test('verify of a live layout: rows the service added since the build are notes, not faults', async (t) => {
  const dir = t.testdir({})
  await buildLayout(smallInput(), { out: dir, shardCount: 3 })
  const app = await buildApp(loadStatsConfig({ LOG_LEVEL: 'silent', SHARDS_DIR: dir }))
  t.teardown(() => app.close())
  const user = (await app.inject({ method: 'POST', url: '/stats/users', payload: { username: 'newcomer' } })).json()
  t.equal((await app.inject({ method: 'POST', url: '/stats/games', payload: { user_id: user.user_id, game_id: 1, finished: '2022-05-01', guesses: 3, won: true } })).statusCode, 201)
  const report = verifyLayout(dir)
  t.same(report.faults, [])
  const notes = report.notes.join('\n')
  for (const table of ['users', 'games', 'user_stats']) t.match(notes, new RegExp(`: ${table} has 1 row\\(s\\) more than at build`))
  t.equal(report.users, 13)
})

test('instances starting at once on an empty folder all open the one empty layout that won, and leave no files behind', async (t) => {
  const dir = t.testdir({})
  const open = new URL('../src/layout/open.ts', import.meta.url).pathname
  const script = `import { openLayout } from ${JSON.stringify(open)}
    const layout = openLayout(${JSON.stringify(dir)}, 3)
    process.stdout.write(layout.usersDb.name)
    layout.close()`
  const runs = Array.from({ length: 4 }, () => new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => { out += d })
    child.stderr.on('data', (d) => { err += d })
    child.on('exit', (code) => resolve({ code, out, err }))
  }))
  const results = await Promise.all(runs)
  for (const r of results) t.equal(r.code, 0, r.err)
  const manifest = readManifest(dir)!
  t.same(new Set(results.map((r) => r.out)), new Set([join(dir, manifest.users)]), 'every instance opened the winning users file')
  t.same(dbFiles(dir), [manifest.users, ...manifest.shards].sort(), 'the losers removed their own files')
  t.same(verifyLayout(dir).faults, [])
})
