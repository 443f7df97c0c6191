import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir, cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { buildApp } from '@platform/stats'
import { DEFAULT_SHARDS_DIR, loadStatsConfig } from '@platform/stats/config'
import { readManifest } from '@platform/stats/layout'
import { bytesToUuid } from '@platform/ids'
import { cli, integer, userPath } from '../lib/args.js'

const usage = `usage: pnpm bench:queries [--dir shards/] [--requests 20000] [--no-views]
Server time of GET stats and the leaderboards on a populated layout (in-process, no network),
next to the course's SQL views on a single-database copy of the same games (--no-views: skip them).`
const args = cli(usage, { dir: { type: 'string' }, requests: { type: 'string' }, 'no-views': { type: 'boolean' } })
const dir = typeof args.dir === 'string' ? userPath(args.dir) : DEFAULT_SHARDS_DIR
const requests = integer('requests', args.requests, 20_000, 100)
const manifest = readManifest(dir)
if (!manifest) {
  process.stderr.write(`${dir} has no layout: run pnpm stats:populate first\n`)
  process.exit(1)
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`

process.stdout.write(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`)
const usersDb = new Database(join(dir, manifest.users), { readonly: true })
const ids = (usersDb.prepare('SELECT user_id FROM users').all() as { user_id: Buffer }[]).map((r) => bytesToUuid(r.user_id))
usersDb.close()

const app = await buildApp(loadStatsConfig({ LOG_LEVEL: 'silent', SHARDS_DIR: dir, SHARD_COUNT: String(manifest.shard_count) }))
const cases: [string, (i: number) => string][] = [
  ['GET /stats/users/{id}', (i) => `/stats/users/${ids[(i * 7919) % ids.length]}`],
  ['GET /stats/leaderboards/wins', () => '/stats/leaderboards/wins'],
  ['GET /stats/leaderboards/streaks', () => '/stats/leaderboards/streaks']
]
process.stdout.write(`\nserver time per request through Fastify (inject), ${requests.toLocaleString('en-US')} requests each, ${ids.length.toLocaleString('en-US')} users:\n`)
for (const [name, url] of cases) {
  for (let i = 0; i < 500; i++) await app.inject({ method: 'GET', url: url(i) }) // warm up
  const times: number[] = []
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now()
    const res = await app.inject({ method: 'GET', url: url(i) })
    times.push(performance.now() - t0)
    if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`)
  }
  times.sort((a, b) => a - b)
  process.stdout.write(`  ${name.padEnd(32)} p50 ${us(percentile(times, 50))}  p99 ${us(percentile(times, 99))}\n`)
}
await app.close()
if (args['no-views'] === true) process.exit(0)

// The course's views, on one database holding every game (user ids as they are, BLOBs).
const work = mkdtempSync(join(tmpdir(), 'bench-views-'))
try {
  const single = new Database(join(work, 'single.db'))
  single.exec('CREATE TABLE games (user_id BLOB, game_id INTEGER, finished DATE, guesses INTEGER, won BOOLEAN, PRIMARY KEY (user_id, game_id))')
  manifest.shards.forEach((file, s) => {
    single.exec(`ATTACH DATABASE '${join(dir, file).replaceAll("'", "''")}' AS s${s}`)
    single.exec(`INSERT INTO games SELECT user_id, game_id, finished, guesses, won FROM s${s}.games`)
    single.exec(`DETACH DATABASE s${s}`)
  })
  single.exec(`
    CREATE VIEW wins AS SELECT user_id, COUNT(won) FROM games WHERE won = TRUE GROUP BY user_id ORDER BY COUNT(won) DESC;
    CREATE VIEW streaks AS
      WITH ranks AS (
        SELECT DISTINCT user_id, finished, RANK() OVER (PARTITION BY user_id ORDER BY finished) AS rank
        FROM games WHERE won = TRUE ORDER BY user_id, finished),
      groups AS (SELECT user_id, finished, rank, DATE(finished, '-' || rank || ' DAYS') AS base_date FROM ranks)
      SELECT user_id, COUNT(*) AS streak, MIN(finished) AS beginning, MAX(finished) AS ending
      FROM groups GROUP BY user_id, base_date HAVING streak > 1 ORDER BY user_id, finished;`)
  process.stdout.write('\nthe course\'s views on a single database of the same games, one query each (3 runs, best):\n')
  for (const [name, sql] of [
    ['wins view, top 10', 'SELECT * FROM wins LIMIT 10'],
    ['streaks view, top 10', 'SELECT user_id, streak FROM streaks ORDER BY streak DESC LIMIT 10']
  ] as const) {
    const stmt = single.prepare(sql)
    let best = Infinity
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now()
      stmt.all()
      best = Math.min(best, performance.now() - t0)
    }
    process.stdout.write(`  ${name.padEnd(32)} ${(best / 1000).toFixed(2)} s\n`)
  }
  single.close()
} finally {
  rmSync(work, { recursive: true, force: true })
}
