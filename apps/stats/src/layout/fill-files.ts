import { aggregate, type GameFacts } from '../aggregates.js'
import { statsRowOf, STATS_COLUMNS } from '../stats-row.js'
import { batchInserter } from './batch-insert.js'
import { finishBulk, openForBulk } from './bulk-file.js'
import type { RowCounts } from './manifest.js'

// Loaded by the layout writer threads: no imports beyond better-sqlite3 and pure modules.

/**
 * A data set as the shard writers read it: flat typed arrays (on SharedArrayBuffers when
 * writer threads share them, so nothing is copied). User u's id is ids[16u .. 16u+16); users in
 * key order are order[0..]; user u's games are gameIndex[userStart[u] .. userStart[u+1]);
 * userShard[u] is the shard u maps to; game j's stored `finished` is texts[gameText[j]].
 */
export interface ShardData {
  ids: Uint8Array
  order: Int32Array
  userShard: Int32Array
  userStart: Int32Array
  gameIndex: Int32Array
  gameId: Float64Array
  gameDay: Int32Array
  gameText: Int32Array
  texts: string[]
  guesses: Uint8Array
  won: Uint8Array
}

/**
 * Rows per INSERT, by table (measured with pnpm bench:populate): 100-row statements for the
 * tables with only their key; one row per statement for the tables with secondary indexes
 * (users' unique names, user_stats' leaderboard indexes), where SQLite's multi-row INSERT
 * was two to three times slower than single rows.
 */
export const BATCH: Record<string, number> = { users: 1, games: 100, user_stats: 1, win_runs: 100 }

const idOf = (ids: Uint8Array, u: number) => Buffer.from(ids.buffer, ids.byteOffset + 16 * u, 16)

/** The users of `shard` in key order (the order fillShardFile takes their usernames in). */
export function shardUsers (d: Pick<ShardData, 'order' | 'userShard'>, shard: number): number[] {
  const users: number[] = []
  for (const u of d.order) if (d.userShard[u] === shard) users.push(u)
  return users
}

/** The users file, into a file that already has its schema: user order[k]'s id is ids[16u .. 16u+16), its name usernames[u]. */
export function fillUsersFile (file: string, ids: Uint8Array, order: Int32Array, usernames: string[], onRows: (n: number) => void): RowCounts {
  const db = openForBulk(file)
  const users = batchInserter(db, 'users', ['user_id', 'username'], BATCH.users)
  db.transaction(() => {
    for (let k = 0; k < order.length; k++) {
      const u = order[k]!
      users.put(idOf(ids, u))
      users.put(usernames[u])
      users.end()
      if ((k & 0x3fff) === 0x3fff) onRows(0x4000)
    }
    users.flush()
  })()
  onRows(order.length & 0x3fff)
  return finishBulk(db, file, ['users'])
}

/**
 * One shard, into a file that already has its schema: the games, aggregates and winning runs of
 * the users it owns, in key order. `names` are the usernames of the shard's users in key order.
 */
export function fillShardFile (file: string, shard: number, d: ShardData, names: string[], onRows: (n: number) => void): RowCounts {
  const db = openForBulk(file)
  const games = batchInserter(db, 'games', ['user_id', 'game_id', 'finished', 'guesses', 'won'], BATCH.games)
  const stats = batchInserter(db, 'user_stats', ['user_id', 'username', ...STATS_COLUMNS], BATCH.user_stats)
  const runs = batchInserter(db, 'win_runs', ['user_id', 'end_day', 'start_day'], BATCH.win_runs)
  // One pool of fact objects reused for every user: a million games allocate nothing per game.
  const pool: GameFacts[] = []
  const facts: GameFacts[] = []
  // Table by table, as SQLite fills B-trees fastest (measured): the games while the aggregates
  // are computed and kept, then the aggregates, then the runs.
  const statsUsers: number[] = []
  const statsNames: string[] = []
  const statsValues: number[] = []
  const runUsers: number[] = []
  const runDays: number[] = []
  let pending = 0
  const { ids, gameIndex, gameId, gameDay, gameText, texts, guesses, won } = d
  let k = -1
  db.transaction(() => {
    for (const u of d.order) {
      if (d.userShard[u] !== shard) continue
      k++
      const from = d.userStart[u]!
      const to = d.userStart[u + 1]!
      if (from === to) continue
      // Insertion sort by game_id: a user has a handful of games, and this allocates nothing.
      for (let a = from + 1; a < to; a++) {
        const j = gameIndex[a]!
        let b = a - 1
        while (b >= from && gameId[gameIndex[b]!]! > gameId[j]!) gameIndex[b + 1] = gameIndex[b--]!
        gameIndex[b + 1] = j
      }
      const id = idOf(ids, u)
      facts.length = to - from
      for (let i = 0; i < to - from; i++) {
        const j = gameIndex[from + i]!
        games.put(id)
        games.put(gameId[j])
        games.put(texts[gameText[j]!])
        games.put(guesses[j])
        games.put(won[j])
        games.end()
        const f = pool[i] ?? (pool[i] = { day: 0, guesses: 0, won: false })
        f.day = gameDay[j]!
        f.guesses = guesses[j]!
        f.won = won[j] === 1
        facts[i] = f
      }
      const a = aggregate(facts)
      const row = statsRowOf(a)
      statsUsers.push(u)
      statsNames.push(names[k]!)
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
      stats.put(idOf(ids, u))
      stats.put(statsNames[i])
      for (let c = 0; c < width; c++) stats.put(statsValues[i * width + c])
      stats.end()
    })
    stats.flush()
    runUsers.forEach((u, i) => {
      runs.put(idOf(ids, u))
      runs.put(runDays[2 * i])
      runs.put(runDays[2 * i + 1])
      runs.end()
    })
    runs.flush()
  })()
  onRows(pending)
  return finishBulk(db, file, ['games', 'user_stats'])
}
