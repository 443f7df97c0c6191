import { test } from 'tap'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { buildApp } from '@platform/stats'
import { loadStatsConfig } from '@platform/stats/config'
import { runCli } from './cli.js'

interface SourceGame { user_id: number; game_id: number; finished: string; guesses: number; won: number }

/** A small database in the course's original schema, with streaks, gaps and same-day games. */
function makeSource (file: string): void {
  const db = new Database(file)
  db.exec(`
    CREATE TABLE users (user_id INTEGER PRIMARY KEY, username VARCHAR UNIQUE);
    CREATE TABLE games (user_id INTEGER NOT NULL, game_id INTEGER NOT NULL, finished DATE DEFAULT CURRENT_TIMESTAMP,
                        guesses INTEGER, won BOOLEAN, PRIMARY KEY (user_id, game_id),
                        FOREIGN KEY (user_id) REFERENCES users (user_id));`)
  let seed = 42
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296)
  const addUser = db.prepare('INSERT INTO users (user_id, username) VALUES (?, ?)')
  const addGame = db.prepare('INSERT OR IGNORE INTO games VALUES (?, ?, ?, ?, ?)')
  db.transaction(() => {
    for (let u = 1; u <= 60; u++) addUser.run(u, `player_${String(u).padStart(2, '0')}`)
    for (let k = 0; k < 1500; k++) {
      const day = new Date(Date.UTC(2022, 0, 25) + Math.floor(random() * 20) * 86_400_000).toISOString().slice(0, 10)
      addGame.run(1 + Math.floor(random() * 60), 1 + Math.floor(random() * 400), day, 1 + Math.floor(random() * 6), random() < 0.75 ? 1 : 0)
    }
  })()
  db.close()
}

/** The statistics straight from the source rows, written independently of the service. */
function expectedStats (games: SourceGame[]) {
  const won = games.filter((g) => g.won === 1)
  const dayNumber = (d: string) => Date.parse(d) / 86_400_000
  const wonDays = [...new Set(won.map((g) => dayNumber(g.finished)))].sort((a, b) => a - b)
  let max = 0
  let run = 0
  let previous = NaN
  for (const d of wonDays) {
    run = d === previous + 1 ? run + 1 : 1
    max = Math.max(max, run)
    previous = d
  }
  const latest = Math.max(...games.map((g) => dayNumber(g.finished)))
  let current = 0
  for (let d = latest; wonDays.includes(d); d--) current++
  const count = (n: number) => won.filter((g) => g.guesses === n).length
  const roundHalfUp = (x: number) => Math.floor(x + 0.5)
  return {
    currentStreak: current,
    maxStreak: max,
    guesses: { 1: count(1), 2: count(2), 3: count(3), 4: count(4), 5: count(5), 6: count(6), fail: games.length - won.length },
    winPercentage: roundHalfUp((100 * won.length) / games.length),
    gamesPlayed: games.length,
    gamesWon: won.length,
    averageGuesses: won.length ? roundHalfUp(won.reduce((s, g) => s + g.guesses, 0) / won.length) : 0
  }
}

test('stats:migrate carries every user and game over, with the same stats and leaderboards', async (t) => {
  const root = t.testdir({})
  const source = join(root, 'course.db')
  const out = join(root, 'sharded')
  makeSource(source)

  const res = runCli('stats/migrate.ts', ['--from', source, '--out', out])
  t.equal(res.status, 0, res.stderr)
  t.match(res.stdout, /60 users, \d+ games in 3 shards, counts match/)
  t.equal(runCli('stats/verify.ts', ['--dir', out]).status, 0, 'the migrated layout verifies')

  const src = new Database(source, { readonly: true })
  const users = src.prepare('SELECT user_id, username FROM users').all() as { user_id: number; username: string }[]
  const games = src.prepare('SELECT * FROM games').all() as SourceGame[]
  const app = await buildApp(loadStatsConfig({ LOG_LEVEL: 'silent', SHARDS_DIR: out }))
  t.teardown(() => app.close())

  const uuidOf = new Map<string, string>()
  for (const u of users) {
    const found = await app.inject({ method: 'GET', url: `/stats/users?username=${u.username}` })
    t.equal(found.statusCode, 200, `${u.username} carried over`)
    uuidOf.set(u.username, found.json().user_id)
    const mine = games.filter((g) => g.user_id === u.user_id)
    const stats = (await app.inject({ method: 'GET', url: `/stats/users/${found.json().user_id}` })).json()
    if (mine.length === 0) t.equal(stats.gamesPlayed, 0)
    else t.same(stats, expectedStats(mine), `${u.username}'s stats`)
  }
  t.equal(new Set(uuidOf.values()).size, users.length, 'every user has a fresh, distinct UUID')

  const wins = src.prepare(
    `SELECT username, SUM(won) AS wins FROM games JOIN users USING (user_id)
     GROUP BY user_id HAVING wins > 0 ORDER BY wins DESC, username LIMIT 10`
  ).all() as { username: string; wins: number }[]
  const board = (await app.inject({ method: 'GET', url: '/stats/leaderboards/wins' })).json()
  t.same(board, wins.map((w) => ({ user_id: uuidOf.get(w.username), username: w.username, wins: w.wins })), 'wins leaderboard')

  const streaks = users
    .map((u) => ({ username: u.username, streak: expectedStats(games.filter((g) => g.user_id === u.user_id)).maxStreak }))
    .filter((s) => s.streak > 0 && Number.isFinite(s.streak))
    .sort((a, b) => b.streak - a.streak || (a.username < b.username ? -1 : 1))
    .slice(0, 10)
  const streakBoard = (await app.inject({ method: 'GET', url: '/stats/leaderboards/streaks' })).json()
  t.same(streakBoard, streaks.map((s) => ({ user_id: uuidOf.get(s.username), username: s.username, streak: s.streak })), 'streaks leaderboard')
  src.close()
})

test('stats:migrate refuses a source row the layout cannot hold, naming it, and writes nothing', async (t) => {
  const root = t.testdir({})
  const source = join(root, 'bad.db')
  const db = new Database(source)
  db.exec(`CREATE TABLE users (user_id INTEGER PRIMARY KEY, username VARCHAR UNIQUE);
           CREATE TABLE games (user_id INTEGER, game_id INTEGER, finished DATE, guesses INTEGER, won BOOLEAN);
           INSERT INTO users VALUES (1, 'ok');
           INSERT INTO games VALUES (1, 1, '2022-01-01', 3, 1), (1, 2, '2022-02-30', 3, 1), (2, 3, '2022-01-02', 9, 0);`)
  db.close()
  const res = runCli('stats/migrate.ts', ['--from', source, '--out', join(root, 'out')])
  t.equal(res.status, 1)
  t.match(res.stderr, /games row 2 \(user 1, game 2\): finished "2022-02-30" is not a date/)
  t.match(res.stderr, /games row 3 \(user 2, game 3\): no such user/)
  t.match(res.stderr, /guesses 9 is not 1\.\.6/)
  const { existsSync } = await import('node:fs')
  t.notOk(existsSync(join(root, 'out', 'layout.json')), 'no layout written')
})

test('stats:migrate names the row of a value the date parser refuses, with a clear message and no stack trace', async (t) => {
  const root = t.testdir({})
  const source = join(root, 'dates.db')
  const db = new Database(source)
  db.exec(`CREATE TABLE users (user_id INTEGER PRIMARY KEY, username VARCHAR UNIQUE);
           CREATE TABLE games (user_id INTEGER, game_id INTEGER, finished DATE, guesses INTEGER, won BOOLEAN);
           INSERT INTO users VALUES (1, 'ok');
           INSERT INTO games VALUES (1, 1, '2022-03-14T10:00:00+02:00', 3, 1), (1, 2, '2022-03-14T10:00:00+24:00', 3, 1),
                                    (1, 3, 20220314, 3, 1), (1, 4, NULL, 3, 1), (1, 5, '1999-12-31', 3, 1);`)
  db.close()
  const res = runCli('stats/migrate.ts', ['--from', source, '--out', join(root, 'out')])
  t.equal(res.status, 1)
  t.match(res.stderr, /games row 2 \(user 1, game 2\): finished "2022-03-14T10:00:00\+24:00" is not a date \(YYYY-MM-DD\) or ISO-8601 timestamp/)
  t.match(res.stderr, /games row 3 \(user 1, game 3\): finished 20220314 is not a date/)
  t.match(res.stderr, /games row 4 \(user 1, game 4\): finished null is not a date/)
  t.match(res.stderr, /games row 5 \(user 1, game 5\): finished "1999-12-31" is not .* from 2000-01-01 to 2099-12-31/)
  t.notMatch(res.stderr, /row 1 /, 'a +02:00 offset parses')
  t.notMatch(res.stderr, /RangeError|\n\s+at /, 'no stack trace')
})

test('stats:migrate says so, without a stack trace, when the source is not a database of the course schema', async (t) => {
  const root = t.testdir({ 'notes.db': 'this is a text file, not a database, and it is long enough to have a header' })
  const notDb = runCli('stats/migrate.ts', ['--from', join(root, 'notes.db'), '--out', join(root, 'out')])
  t.equal(notDb.status, 1)
  t.match(notDb.stderr, /stats:migrate: .*notes\.db cannot be read as a SQLite database/)
  const missing = runCli('stats/migrate.ts', ['--from', join(root, 'nope.db'), '--out', join(root, 'out')])
  t.equal(missing.status, 1)
  t.match(missing.stderr, /nope\.db cannot be read as a SQLite database/)
  for (const res of [notDb, missing]) t.notMatch(res.stderr, /\n\s+at /, 'no stack trace')
})

test('stats:migrate requires --from and --out', async (t) => {
  const res = runCli('stats/migrate.ts', ['--from', 'x.db'])
  t.equal(res.status, 2)
  t.match(res.stderr, /--from and --out are required/)
})
