import { turnReads, whenUnlocked, type Db } from '@platform/sqlite'
import { StoreBusy } from './errors.js'
import { emptyStatsRow, STATS_COLUMNS, type StatsRow } from './stats-row.js'

const COLUMNS = STATS_COLUMNS.join(', ')

/** How long a write waits for another instance's lock before the client gets a 503 to retry. */
export const LOCK_WAIT_MS = 2000
export const SQLITE_BUSY_WAIT_MS = 5

export interface Game {
  userId: Buffer
  gameId: number
  finished: string
  guesses: number
  won: boolean
}

export interface Ranked {
  userId: Buffer
  username: string
  count: number
}

interface Run {
  start_day: number
  end_day: number
}

/**
 * One games shard. Inserting a game updates the user's aggregates and winning runs in the same
 * transaction, so reads are single-row lookups and leaderboards are index scans.
 */
export function createGamesStore (db: Db, lockWaitMs = LOCK_WAIT_MS) {
  // Writes wait for another instance's lock asynchronously (whenUnlocked): SQLite's own busy
  // wait would block the event loop, health checks included, so it is kept to a few ms.
  db.pragma(`busy_timeout = ${SQLITE_BUSY_WAIT_MS}`)
  const insertGame = db.prepare('INSERT INTO games (user_id, game_id, finished, guesses, won) VALUES (?, ?, ?, ?, ?)')
  const selectGame = db.prepare<[Buffer, number], { finished: string; guesses: number; won: number }>(
    'SELECT finished, guesses, won FROM games WHERE user_id = ? AND game_id = ?'
  )
  const selectStats = db.prepare<[Buffer], StatsRow>(`SELECT ${COLUMNS} FROM user_stats WHERE user_id = ?`)
  const upsertStats = db.prepare(
    `INSERT INTO user_stats (user_id, username, ${COLUMNS})
     VALUES (@user_id, @username, ${STATS_COLUMNS.map((c) => `@${c}`).join(', ')})
     ON CONFLICT (user_id) DO UPDATE SET ${STATS_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`
  )
  // The run containing `day`, if any: the first run ending on or after it, if it also starts by then.
  const runFrom = db.prepare<[Buffer, number], Run>(
    'SELECT start_day, end_day FROM win_runs WHERE user_id = ? AND end_day >= ? ORDER BY end_day LIMIT 1'
  )
  const runEndingOn = db.prepare<[Buffer, number], Run>('SELECT start_day, end_day FROM win_runs WHERE user_id = ? AND end_day = ?')
  const deleteRun = db.prepare<[Buffer, number]>('DELETE FROM win_runs WHERE user_id = ? AND end_day = ?')
  const insertRun = db.prepare<[Buffer, number, number]>('INSERT INTO win_runs (user_id, end_day, start_day) VALUES (?, ?, ?)')
  const topWins = db.prepare<[number], { user_id: Buffer; username: string; count: number }>(
    'SELECT user_id, username, games_won AS count FROM user_stats WHERE games_won > 0 ORDER BY games_won DESC, username LIMIT ?'
  )
  const topStreaks = db.prepare<[number], { user_id: Buffer; username: string; count: number }>(
    'SELECT user_id, username, max_streak AS count FROM user_stats WHERE max_streak > 0 ORDER BY max_streak DESC, username LIMIT ?'
  )

  function runContaining (userId: Buffer, day: number): Run | undefined {
    const run = runFrom.get(userId, day)
    return run && run.start_day <= day ? run : undefined
  }

  /** Marks `day` won; returns the length of the (merged) run through it, or 0 if it was already won. */
  function addWonDay (userId: Buffer, day: number): number {
    if (runContaining(userId, day)) return 0
    const left = runEndingOn.get(userId, day - 1)
    const right = runContaining(userId, day + 1)
    if (left) deleteRun.run(userId, left.end_day)
    if (right) deleteRun.run(userId, right.end_day)
    const start = left ? left.start_day : day
    const end = right ? right.end_day : day
    insertRun.run(userId, end, start)
    return end - start + 1
  }

  const record = db.transaction((game: Game, day: number, username: string) => {
    insertGame.run(game.userId, game.gameId, game.finished, game.guesses, game.won ? 1 : 0)
    const row = selectStats.get(game.userId) ?? emptyStatsRow(day)
    row.games_played++
    if (game.won) {
      row.games_won++
      row.won_guesses += game.guesses
      const key = `g${game.guesses}` as 'g1'
      row[key]++
      row.max_streak = Math.max(row.max_streak, addWonDay(game.userId, day))
    } else {
      row.fails++
    }
    row.last_day = Math.max(row.last_day, day)
    // Runs are maximal and nothing is played after last_day, so a run containing it ends there.
    const current = runContaining(game.userId, row.last_day)
    row.current_streak = current ? current.end_day - current.start_day + 1 : 0
    upsertStats.run({ user_id: game.userId, username, ...row })
  })

  // Reads share one read transaction per event-loop turn (see turnReads); a write ends it first.
  const reads = turnReads(db)

  // Commits made through this store's connection: PRAGMA data_version does not see them (see leaderboard-cache.ts).
  let commits = 0
  const recordAndCount = (game: Game, day: number, username: string) => {
    reads.end()
    record.immediate(game, day, username)
    commits++
  }

  return {
    /**
     * Stores a game with its aggregates, all or nothing. Throws SQLite's primary-key
     * violation when the user already has this game_id (the caller's 409).
     */
    insert (game: Game, day: number, username: string): Promise<void> {
      return whenUnlocked(() => recordAndCount(game, day, username), lockWaitMs, () => new StoreBusy())
    },
    /** How many games this connection has committed (for caches that data_version cannot invalidate). */
    get commits (): number {
      return commits
    },
    get (userId: Buffer, gameId: number): Game | undefined {
      const row = reads.read(() => selectGame.get(userId, gameId))
      return row && { userId, gameId, finished: row.finished, guesses: row.guesses, won: row.won === 1 }
    },
    /** The user's aggregates, or undefined before their first game. */
    stats (userId: Buffer): StatsRow | undefined {
      return reads.read(() => selectStats.get(userId))
    },
    topWins (limit: number): Ranked[] {
      return reads.read(() => topWins.all(limit)).map((r) => ({ userId: r.user_id, username: r.username, count: r.count }))
    },
    topStreaks (limit: number): Ranked[] {
      return reads.read(() => topStreaks.all(limit)).map((r) => ({ userId: r.user_id, username: r.username, count: r.count }))
    }
  }
}

export type GamesStore = ReturnType<typeof createGamesStore>
