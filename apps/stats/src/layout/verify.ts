import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { bytesToUuid } from '@platform/ids'
import { shardOf } from '@platform/shard'
import { aggregate, type Aggregate, type GameFacts } from '../aggregates.js'
import { parseFinished } from '../days.js'
import { statsRowOf, type StatsRow } from '../stats-row.js'
import { holdShared } from './lock.js'
import { looseFiles, readManifest, type Manifest, type RowCounts } from './manifest.js'
import { START_WAIT_MS } from './open.js'

export interface VerifyReport {
  users: number
  games: number
  faults: string[]
  /** Not faults: leftovers of builds that did not commit, rows added since the build. */
  notes: string[]
}

type StoredRow = StatsRow & { username: string }

const MAX_FAULTS = 1000

/** The manifest against itself and the folder: the shard count, its file list, the files. */
function checkManifest (dir: string, manifest: Manifest): string[] {
  const faults: string[] = []
  if (manifest.shards.length !== manifest.shard_count) {
    faults.push(`layout.json: shard_count is ${manifest.shard_count} but it names ${manifest.shards.length} shard file(s)`)
  }
  const files = [manifest.users, ...manifest.shards]
  if (new Set(files).size !== files.length) faults.push('layout.json names one file twice')
  for (const f of files) if (!existsSync(join(dir, f))) faults.push(`${f} is missing`)
  if (manifest.format >= 2) for (const f of files) if (!manifest.rows[f]) faults.push(`layout.json: no row counts for ${f}`)
  return faults
}

/**
 * Checks a layout from scratch: the manifest (shard count against its file list, every file
 * there, row counts at least what the build wrote: the service only adds rows), every game in
 * the shard its user maps to, every game's user in the users file, stored aggregates and
 * winning runs equal to what the games say, no runs or aggregates without games, and SQLite's
 * integrity check on every file. Safe on a live layout: it holds layout.lock shared (no build
 * swaps files under it) and reads each file in one read transaction, a consistent snapshot.
 * The shards' snapshots are taken before the users file's, so every user a game names was
 * registered before the users snapshot (a game needs its user): live writes cause no false
 * faults. Nothing is written.
 */
export function verifyLayout (dir: string, onProgress: (done: number, total: number) => void = () => {}): VerifyReport {
  const faults: string[] = []
  const notes: string[] = []
  const fault = (text: string) => {
    if (faults.length < MAX_FAULTS) faults.push(text)
    else if (faults.length === MAX_FAULTS) faults.push('... more faults not listed')
  }
  const manifest = readManifest(dir)
  if (!manifest) return { users: 0, games: 0, faults: [`${dir} has no layout.json: not a layout`], notes }
  const lock = holdShared(dir, START_WAIT_MS)
  const open: Database.Database[] = []
  try {
    const manifestFaults = checkManifest(dir, manifest)
    if (manifestFaults.length > 0) return { users: 0, games: 0, faults: manifestFaults, notes }
    const { leftovers, strays } = looseFiles(dir, manifest)
    for (const f of [...leftovers, ...strays]) notes.push(`${f} is not part of the layout (left over from a build that did not finish; the next build removes it)`)

    // Snapshots: one read transaction per file, the shards first.
    const snapshot = (f: string) => {
      const db = new Database(join(dir, f), { readonly: true, fileMustExist: true })
      open.push(db)
      db.exec('BEGIN')
      return db
    }
    const counts = (db: Database.Database, f: string) => {
      const built = manifest.rows[f] ?? {}
      const now: RowCounts = {}
      for (const [table, rows] of Object.entries(built)) {
        now[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
        if (now[table]! < rows) fault(`${f}: ${table} has ${now[table]} rows, fewer than the ${rows} layout.json recorded at build: rows were lost`)
        else if (now[table]! > rows) notes.push(`${f}: ${table} has ${now[table]! - rows} row(s) more than at build (written by the service since)`)
      }
      return now
    }
    const shardDbs = manifest.shards.map((f) => {
      const db = snapshot(f)
      counts(db, f)
      return db
    })
    const gamesTotal = shardDbs.reduce((n, db) => n + (db.prepare('SELECT count(*) AS n FROM games').get() as { n: number }).n, 0)
    const usersDb = snapshot(manifest.users)
    counts(usersDb, manifest.users)
    integrity(usersDb, manifest.users, fault)
    const usernames = new Map<string, string>()
    for (const r of usersDb.prepare('SELECT user_id, username FROM users').iterate() as Iterable<{ user_id: Buffer; username: string }>) {
      usernames.set(r.user_id.toString('hex'), r.username)
    }

    let games = 0
    manifest.shards.forEach((file, s) => {
      const db = shardDbs[s]!
      integrity(db, file, fault)
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
      for (const r of db.prepare('SELECT user_id, count(*) AS n FROM win_runs GROUP BY user_id').iterate() as Iterable<{ user_id: Buffer; n: number }>) {
        if (!seen.has(r.user_id.toString('hex'))) fault(`${file}: ${r.n} winning run(s) of user ${bytesToUuid(r.user_id)}, who has no games here`)
      }
    })
    onProgress(games, gamesTotal)
    return { users: usernames.size, games, faults, notes }
  } finally {
    for (const db of open) db.close()
    lock.release()
  }
}

function integrity (db: Database.Database, f: string, fault: (text: string) => void): void {
  const result = db.pragma('integrity_check') as { integrity_check: string }[]
  for (const r of result) if (r.integrity_check !== 'ok') fault(`${f}: integrity_check: ${r.integrity_check}`)
}

function compare (stored: StoredRow, expected: Aggregate, username: string | undefined): string[] {
  const want: Record<string, number | string | undefined> = { username, ...statsRowOf(expected) }
  return Object.entries(want)
    .filter(([column, value]) => value !== undefined && stored[column as keyof StoredRow] !== value)
    .map(([column, value]) => `${column} is ${stored[column as keyof StoredRow]}, the games say ${value}`)
}
