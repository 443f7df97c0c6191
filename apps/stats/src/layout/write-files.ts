import Database from 'better-sqlite3'
import { migrate } from '@platform/sqlite'
import { aggregate, type GameFacts } from '../aggregates.js'
import { dayToDate } from '../days.js'
import { statsRowOf, STATS_COLUMNS } from '../stats-row.js'
import { batchInserter } from './batch-insert.js'
import { fsyncFile } from './durable.js'
import { USERS_MIGRATIONS, SHARD_MIGRATIONS, type RowCounts } from './manifest.js'

/**
 * What the file writers need, in flat typed arrays: user u's id is ids[16u .. 16u+16); users in key order are order[0..]; user u's games are
 * gameIndex[userStart[u] .. userStart[u+1]); userShard[u] is the shard u maps to.
 */
export interface Prepared {
  ids: Uint8Array
  usernames: string[]
  order: Int32Array
  userShard: Int32Array
  userStart: Int32Array
  gameIndex: Int32Array
  gameId: Float64Array
  gameDay: Int32Array
  gameFinished?: string[]
  guesses: Uint8Array
  won: Uint8Array
}

/**
 * Fast and unsafe while building: no journal, no syncs. Safe all the same, because the file has
 * a new name nobody reads until the manifest names it, and it is synced before that.
 */
function openForBuild (file: string, migrations: string): Database.Database {
  const db = new Database(file)
  db.pragma('busy_timeout = 0')
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('locking_mode = EXCLUSIVE')
  db.pragma('cache_size = -262144')
  migrate(db, migrations)
  return db
}

/** Switches the file to WAL like every database, counts what was written, and syncs it to disk. */
function finishBuild (db: Database.Database, file: string, tables: string[]): RowCounts {
  const rows: RowCounts = {}
  for (const table of tables) rows[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  db.pragma('journal_mode = WAL')
  db.close()
  fsyncFile(file)
  return rows
}

/** An empty users file or shard, as a new instance creates it. */
export function writeEmptyFile (file: string, kind: 'users' | 'shard'): RowCounts {
  const db = openForBuild(file, kind === 'users' ? USERS_MIGRATIONS : SHARD_MIGRATIONS)
  return finishBuild(db, file, kind === 'users' ? ['users'] : ['games', 'user_stats'])
}

const idOf = (p: Prepared, u: number) => Buffer.from(p.ids.buffer, p.ids.byteOffset + 16 * u, 16)

export function writeUsersFile (file: string, p: Prepared, onRows: (n: number) => void): RowCounts {
  const db = openForBuild(file, USERS_MIGRATIONS)
  const users = batchInserter(db, 'users', ['user_id', 'username'])
  db.transaction(() => {
    for (let k = 0; k < p.order.length; k++) {
      const u = p.order[k]!
      users.add(idOf(p, u), p.usernames[u])
      if ((k & 0x3fff) === 0x3fff) onRows(0x4000)
    }
    users.flush()
  })()
  onRows(p.order.length & 0x3fff)
  return finishBuild(db, file, ['users'])
}

/** One shard: the games, aggregates and winning runs of the users it owns, in key order. */
export function writeShardFile (file: string, shard: number, p: Prepared, onRows: (n: number) => void): RowCounts {
  const days = new Map<number, string>()
  const finishedOf = (j: number) => {
    if (p.gameFinished) return p.gameFinished[j]!
    const day = p.gameDay[j]!
    let text = days.get(day)
    if (text === undefined) days.set(day, (text = dayToDate(day)))
    return text
  }
  const db = openForBuild(file, SHARD_MIGRATIONS)
  const games = batchInserter(db, 'games', ['user_id', 'game_id', 'finished', 'guesses', 'won'])
  const stats = batchInserter(db, 'user_stats', ['user_id', 'username', ...STATS_COLUMNS], 60)
  const runs = batchInserter(db, 'win_runs', ['user_id', 'end_day', 'start_day'])
  let pending = 0
  db.transaction(() => {
    for (const u of p.order) {
      if (p.userShard[u] !== shard) continue
      const from = p.userStart[u]!
      const to = p.userStart[u + 1]!
      if (from === to) continue
      const id = idOf(p, u)
      const mine = Array.from(p.gameIndex.subarray(from, to)).sort((a, b) => p.gameId[a]! - p.gameId[b]!)
      const facts: GameFacts[] = []
      for (const j of mine) {
        games.add(id, p.gameId[j], finishedOf(j), p.guesses[j], p.won[j])
        facts.push({ day: p.gameDay[j]!, guesses: p.guesses[j]!, won: p.won[j] === 1 })
      }
      const a = aggregate(facts)
      const row = statsRowOf(a)
      stats.add(id, p.usernames[u], ...STATS_COLUMNS.map((c) => row[c]))
      for (const [start, end] of a.runs) runs.add(id, end, start)
      pending += mine.length
      if (pending >= 0x4000) {
        onRows(pending)
        pending = 0
      }
    }
    games.flush()
    stats.flush()
    runs.flush()
  })()
  onRows(pending)
  return finishBuild(db, file, ['games', 'user_stats'])
}
