import type { Db } from '@platform/sqlite'

export interface Game {
  userId: Buffer
  gameId: number
  finished: string
  guesses: number
  won: boolean
}

export interface UserStats {
  gamesPlayed: number
  gamesWon: number
  wonGuesses: number
  byGuesses: number[]
  fails: number
  maxStreak: number
  currentStreak: number
}

export interface Ranked {
  userId: Buffer
  username: string
  count: number
}

interface StatsRow {
  games_played: number
  games_won: number
  won_guesses: number
  g1: number
  g2: number
  g3: number
  g4: number
  g5: number
  g6: number
  fails: number
  max_streak: number
  current_streak: number
  last_day: number
}

interface Run {
  start_day: number
  end_day: number
}

/**
 * One games shard. Inserting a game updates the user's aggregates and winning runs in the same
 * transaction, so reads are single-row lookups and leaderboards are index scans.
 */
export function createGamesStore(db: Db) {
  const insertGame = db.prepare('INSERT INTO games (user_id, game_id, finished, guesses, won) VALUES (?, ?, ?, ?, ?)')
  const selectGame = db.prepare<[Buffer, number], { finished: string; guesses: number; won: number }>(
    'SELECT finished, guesses, won FROM games WHERE user_id = ? AND game_id = ?'
  )
  const selectStats = db.prepare<[Buffer], StatsRow>(
    `SELECT games_played, games_won, won_guesses, g1, g2, g3, g4, g5, g6, fails, max_streak, current_streak, last_day
     FROM user_stats WHERE user_id = ?`
  )
  const upsertStats = db.prepare(
    `INSERT INTO user_stats (user_id, username, games_played, games_won, won_guesses, g1, g2, g3, g4, g5, g6, fails,
                             max_streak, current_streak, last_day)
     VALUES (@user_id, @username, @games_played, @games_won, @won_guesses, @g1, @g2, @g3, @g4, @g5, @g6, @fails,
             @max_streak, @current_streak, @last_day)
     ON CONFLICT (user_id) DO UPDATE SET
       games_played = excluded.games_played, games_won = excluded.games_won, won_guesses = excluded.won_guesses,
       g1 = excluded.g1, g2 = excluded.g2, g3 = excluded.g3, g4 = excluded.g4, g5 = excluded.g5, g6 = excluded.g6,
       fails = excluded.fails, max_streak = excluded.max_streak, current_streak = excluded.current_streak,
       last_day = excluded.last_day`
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

  function runContaining(userId: Buffer, day: number): Run | undefined {
    const run = runFrom.get(userId, day)
    return run && run.start_day <= day ? run : undefined
  }

  /** Marks `day` won; returns the length of the (merged) run through it, or 0 if it was already won. */
  function addWonDay(userId: Buffer, day: number): number {
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
    const row: StatsRow = selectStats.get(game.userId) ?? {
      games_played: 0, games_won: 0, won_guesses: 0, g1: 0, g2: 0, g3: 0, g4: 0, g5: 0, g6: 0, fails: 0,
      max_streak: 0, current_streak: 0, last_day: day
    }
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

  return {
    /**
     * Stores a game with its aggregates, all or nothing. Throws SQLite's primary-key
     * violation when the user already has this game_id (the caller's 409).
     */
    insert(game: Game, day: number, username: string): void {
      record.immediate(game, day, username)
    },
    get(userId: Buffer, gameId: number): Game | undefined {
      const row = selectGame.get(userId, gameId)
      return row && { userId, gameId, finished: row.finished, guesses: row.guesses, won: row.won === 1 }
    },
    stats(userId: Buffer): UserStats | undefined {
      const r = selectStats.get(userId)
      return (
        r && {
          gamesPlayed: r.games_played,
          gamesWon: r.games_won,
          wonGuesses: r.won_guesses,
          byGuesses: [r.g1, r.g2, r.g3, r.g4, r.g5, r.g6],
          fails: r.fails,
          maxStreak: r.max_streak,
          currentStreak: r.current_streak
        }
      )
    },
    topWins(limit: number): Ranked[] {
      return topWins.all(limit).map((r) => ({ userId: r.user_id, username: r.username, count: r.count }))
    },
    topStreaks(limit: number): Ranked[] {
      return topStreaks.all(limit).map((r) => ({ userId: r.user_id, username: r.username, count: r.count }))
    }
  }
}

export type GamesStore = ReturnType<typeof createGamesStore>
