import { test } from 'tap'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { buildApp } from '@platform/stats'
import { loadStatsConfig } from '@platform/stats/config'
import { layoutFiles, readManifest } from '@platform/stats/layout'
import { runCli } from './cli.js'

const dump = (dir: string) => {
  const files = layoutFiles(dir)
  const users = new Database(files.users, { readonly: true })
  const names = (users.prepare('SELECT username FROM users ORDER BY username').all() as { username: string }[]).map((r) => r.username)
  users.close()
  let games = 0
  for (let s = 0; s < 3; s++) {
    const db = new Database(files.shards[s]!, { readonly: true })
    games += (db.prepare('SELECT count(*) AS n FROM games').get() as { n: number }).n
    db.close()
  }
  return { names, games }
}

test('stats:populate writes a verified layout, the same for the same seed', async (t) => {
  const root = t.testdir({})
  const a = join(root, 'a')
  const b = join(root, 'b')
  const first = runCli('stats/populate.ts', ['--users', '300', '--games', '2000', '--seed', '7', '--out', a])
  t.equal(first.status, 0, first.stderr)
  t.match(first.stdout, /300 users, 2,000 games in 3 shards/)
  t.equal(runCli('stats/populate.ts', ['--users', '300', '--games', '2000', '--seed', '7', '--out', b]).status, 0)

  const da = dump(a)
  t.equal(da.names.length, 300)
  t.equal(new Set(da.names).size, 300, 'usernames are unique')
  t.equal(da.games, 2000)
  t.same(dump(b), da, 'same seed, same data')

  const verify = runCli('stats/verify.ts', ['--dir', a])
  t.equal(verify.status, 0, verify.stderr)
  t.match(verify.stdout, /ok: .*300 users, 2,000 games, no faults/)
})

test('stats:populate refuses to overwrite a layout without --force', async (t) => {
  const out = t.testdir({})
  t.equal(runCli('stats/populate.ts', ['--users', '20', '--games', '50', '--out', out]).status, 0)
  const again = runCli('stats/populate.ts', ['--users', '20', '--games', '50', '--out', out])
  t.equal(again.status, 1)
  t.match(again.stderr, /already holds a layout; pass --force/)
  t.equal(runCli('stats/populate.ts', ['--users', '20', '--games', '60', '--out', out, '--force']).status, 0)
})

test('stats:populate rejects bad arguments with a usage line', async (t) => {
  const res = runCli('stats/populate.ts', ['--users', 'many'])
  t.equal(res.status, 2)
  t.match(res.stderr, /--users must be an integer/)
  const unknown = runCli('stats/populate.ts', ['--colour', 'blue'])
  t.equal(unknown.status, 2)
  t.match(unknown.stderr, /usage: pnpm stats:populate/)
})

test('stats:verify exits 1 naming each fault', async (t) => {
  const out = t.testdir({})
  t.equal(runCli('stats/populate.ts', ['--users', '50', '--games', '400', '--out', out]).status, 0)
  const db = new Database(layoutFiles(out).shards[1]!)
  db.prepare('UPDATE user_stats SET max_streak = max_streak + 5 WHERE user_id = (SELECT user_id FROM user_stats LIMIT 1)').run()
  db.close()
  const res = runCli('stats/verify.ts', ['--dir', out])
  t.equal(res.status, 1)
  t.match(res.stderr, /FAULT games-1\.1\.[0-9a-f]{8}\.db: user [0-9a-f-]{36}: max_streak is \d+, the games say \d+/)
})

test('stats:populate --force is refused while a stats instance uses the folder, and the instance keeps its data', async (t) => {
  const out = t.testdir({})
  t.equal(runCli('stats/populate.ts', ['--users', '20', '--games', '50', '--out', out]).status, 0)
  const before = readManifest(out)
  const app = await buildApp(loadStatsConfig({ LOG_LEVEL: 'silent', SHARDS_DIR: out }))
  const forced = runCli('stats/populate.ts', ['--users', '20', '--games', '60', '--out', out, '--force'])
  t.equal(forced.status, 1)
  t.match(forced.stderr, /is in use: running stats instances \(or another build\) hold layout\.lock; stop them first/)
  t.notMatch(forced.stderr, /\n\s+at /, 'no stack trace')
  t.same(readManifest(out), before, 'the layout is untouched')
  const board = await app.inject({ method: 'GET', url: '/stats/leaderboards/wins' })
  t.equal(board.statusCode, 200, 'the instance still answers from its files')
  await app.close()
  t.equal(runCli('stats/populate.ts', ['--users', '20', '--games', '60', '--out', out, '--force']).status, 0, 'once it stopped, the build goes through')
  t.equal(dump(out).games, 60)
})
