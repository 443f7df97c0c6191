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

/**
 * Rows per INSERT, by table (measured with pnpm bench:populate): 100-row statements for the
 * tables with only their key; one row per statement for the tables with secondary indexes
 * (users' unique names, user_stats' leaderboard indexes), where SQLite's multi-row INSERT
 * was two to three times slower than single rows.
 */
export const BATCH: Record<string, number> = { users: 1, games: 100, user_stats: 1, win_runs: 100 }

const idOf = (p: Prepared, u: number) => Buffer.from(p.ids.buffer, p.ids.byteOffset + 16 * u, 16)

export function writeUsersFile (file: string, p: Prepared, onRows: (n: number) => void): RowCounts {
  const db = openForBuild(file, USERS_MIGRATIONS)
  const users = batchInserter(db, 'users', ['user_id', 'username'], BATCH.users)
  db.transaction(() => {
    for (let k = 0; k < p.order.length; k++) {
      const u = p.order[k]!
      users.put(idOf(p, u))
      users.put(p.usernames[u])
      users.end()
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
  const games = batchInserter(db, 'games', ['user_id', 'game_id', 'finished', 'guesses', 'won'], BATCH.games)
  const stats = batchInserter(db, 'user_stats', ['user_id', 'username', ...STATS_COLUMNS], BATCH.user_stats)
  const runs = batchInserter(db, 'win_runs', ['user_id', 'end_day', 'start_day'], BATCH.win_runs)
  // One pool of fact objects reused for every user: a million games allocate nothing per game.
  const pool: GameFacts[] = []
  const facts: GameFacts[] = []
  // Table by table, as SQLite fills B-trees fastest (measured): the games while the aggregates
  // are computed and kept, then the aggregates, then the runs.
  const statsUsers: number[] = []
  const statsValues: number[] = []
  const runUsers: number[] = []
  const runDays: number[] = []
  let pending = 0
  const { gameIndex, gameId } = p
  db.transaction(() => {
    for (const u of p.order) {
      if (p.userShard[u] !== shard) continue
      const from = p.userStart[u]!
      const to = p.userStart[u + 1]!
      if (from === to) continue
      // Insertion sort by game_id: a user has a handful of games, and this allocates nothing.
      for (let a = from + 1; a < to; a++) {
        const j = gameIndex[a]!
        let b = a - 1
        while (b >= from && gameId[gameIndex[b]!]! > gameId[j]!) gameIndex[b + 1] = gameIndex[b--]!
        gameIndex[b + 1] = j
      }
      const id = idOf(p, u)
      facts.length = to - from
      for (let k = 0; k < to - from; k++) {
        const j = gameIndex[from + k]!
        games.put(id)
        games.put(gameId[j])
        games.put(finishedOf(j))
        games.put(p.guesses[j])
        games.put(p.won[j])
        games.end()
        const f = pool[k] ?? (pool[k] = { day: 0, guesses: 0, won: false })
        f.day = p.gameDay[j]!
        f.guesses = p.guesses[j]!
        f.won = p.won[j] === 1
        facts[k] = f
      }
      const a = aggregate(facts)
      const row = statsRowOf(a)
      statsUsers.push(u)
      for (const c of STATS_COLUMNS) statsValues.push(row[c])
      for (const [start, end] of a.runs) {
        runUsers.push(u)
        runDays.push(end, start)
      }
      pending += to - from
      if (pending >= 0x4000) {
        onRows(pending)
        pending = 0
      }
    }
    games.flush()
    const width = STATS_COLUMNS.length
    statsUsers.forEach((u, i) => {
      stats.put(idOf(p, u))
      stats.put(p.usernames[u])
      for (let c = 0; c < width; c++) stats.put(statsValues[i * width + c])
      stats.end()
    })
    stats.flush()
    runUsers.forEach((u, i) => {
      runs.put(idOf(p, u))
      runs.put(runDays[2 * i])
      runs.put(runDays[2 * i + 1])
      runs.end()
    })
    runs.flush()
  })()
  onRows(pending)
  return finishBuild(db, file, ['games', 'user_stats'])
}
