import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { bytesToUuid } from '@platform/ids'
import { shardOf } from '@platform/shard'
import { aggregate, type Aggregate, type GameFacts } from '../aggregates.js'
import { parseFinished } from '../days.js'
import { statsRowOf, type StatsRow } from '../stats-row.js'
import { readManifest } from './manifest.js'

export interface VerifyReport {
  users: number
  games: number
  faults: string[]
}

type StoredRow = StatsRow & { username: string }

const MAX_FAULTS = 1000

/**
 * Checks a layout from scratch: every game in the shard its user maps to, every game's user
 * in users.db, stored aggregates and runs equal to what the games say, and SQLite's own
 * integrity check on every file. Reads everything once; nothing is written.
 */
export function verifyLayout (dir: string, onProgress: (done: number, total: number) => void = () => {}): VerifyReport {
  const faults: string[] = []
  const fault = (text: string) => {
    if (faults.length < MAX_FAULTS) faults.push(text)
    else if (faults.length === MAX_FAULTS) faults.push('... more faults not listed')
  }
  const manifest = readManifest(dir)
  if (!manifest) return { users: 0, games: 0, faults: [`${dir} has no layout.json: not a layout`] }
  const files = [manifest.users, ...manifest.shards]
  const missing = files.filter((f) => !existsSync(join(dir, f)))
  if (missing.length > 0) return { users: 0, games: 0, faults: missing.map((f) => `${f} is missing`) }

  const open = (f: string) => new Database(join(dir, f), { readonly: true, fileMustExist: true })
  const integrity = (db: Database.Database, f: string) => {
    const result = db.pragma('integrity_check') as { integrity_check: string }[]
    for (const r of result) if (r.integrity_check !== 'ok') fault(`${f}: integrity_check: ${r.integrity_check}`)
  }

  const usersDb = open(manifest.users)
  integrity(usersDb, manifest.users)
  const usernames = new Map<string, string>()
  for (const r of usersDb.prepare('SELECT user_id, username FROM users').iterate() as Iterable<{ user_id: Buffer; username: string }>) {
    usernames.set(r.user_id.toString('hex'), r.username)
  }
  usersDb.close()

  let games = 0
  const gamesTotal = manifest.shards.reduce((n, f) => {
    const db = open(f)
    const count = (db.prepare('SELECT count(*) AS n FROM games').get() as { n: number }).n
    db.close()
    return n + count
  }, 0)

  manifest.shards.forEach((file, s) => {
    const db = open(file)
    integrity(db, file)
    const statsOf = db.prepare('SELECT * FROM user_stats WHERE user_id = ?')
    const runsOf = db.prepare('SELECT start_day, end_day FROM win_runs WHERE user_id = ? ORDER BY end_day')
    const seen = new Set<string>()

    const check = (id: Buffer, facts: GameFacts[]) => {
      const key = id.toString('hex')
      seen.add(key)
      const uuid = bytesToUuid(id)
      const home = shardOf(id, manifest.shard_count)
      if (home !== s) fault(`${file}: user ${uuid} has ${facts.length} game(s) here but maps to shard ${home}`)
      const username = usernames.get(key)
      if (username === undefined) fault(`${file}: games of user ${uuid}, who is not in ${manifest.users}`)
      const stored = statsOf.get(id) as StoredRow | undefined
      const expected = aggregate(facts)
      if (!stored) return fault(`${file}: user ${uuid} has games but no aggregates`)
      for (const difference of compare(stored, expected, username)) fault(`${file}: user ${uuid}: ${difference}`)
      const runs = (runsOf.all(id) as { start_day: number; end_day: number }[]).map((r) => `${r.start_day}-${r.end_day}`).join(',')
      if (runs !== expected.runs.map(([a, b]) => `${a}-${b}`).join(',')) fault(`${file}: user ${uuid}: winning runs disagree with the games`)
    }

    let current: Buffer | undefined
    let facts: GameFacts[] = []
    const rows = db.prepare('SELECT user_id, game_id, finished, guesses, won FROM games ORDER BY user_id, game_id').iterate() as Iterable<{
      user_id: Buffer; game_id: number; finished: string; guesses: number; won: number
    }>
    for (const g of rows) {
      if (current && !current.equals(g.user_id)) {
        check(current, facts)
        facts = []
      }
      current = g.user_id
      const day = parseFinished(g.finished)?.day
      if (day === undefined) {
        fault(`${file}: game ${g.game_id} of user ${bytesToUuid(g.user_id)} has an unreadable finished ${JSON.stringify(g.finished)}`)
        continue
      }
      facts.push({ day, guesses: g.guesses, won: g.won === 1 })
      if (++games % 65536 === 0) onProgress(games, gamesTotal)
    }
    if (current) check(current, facts)

    for (const r of db.prepare('SELECT user_id FROM user_stats').iterate() as Iterable<{ user_id: Buffer }>) {
      if (!seen.has(r.user_id.toString('hex'))) fault(`${file}: aggregates for user ${bytesToUuid(r.user_id)}, who has no games here`)
    }
    db.close()
  })
  onProgress(games, gamesTotal)
  return { users: usernames.size, games, faults }
}

function compare (stored: StoredRow, expected: Aggregate, username: string | undefined): string[] {
  const want: Record<string, number | string | undefined> = { username, ...statsRowOf(expected) }
  return Object.entries(want)
    .filter(([column, value]) => value !== undefined && stored[column as keyof StoredRow] !== value)
    .map(([column, value]) => `${column} is ${stored[column as keyof StoredRow]}, the games say ${value}`)
}
