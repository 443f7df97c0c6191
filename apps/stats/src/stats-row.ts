import type { Aggregate } from './aggregates.js'

/**
 * The aggregate columns of a `user_stats` row, named once: the store reads and writes them,
 * the layout writer bulk-inserts them, `verify` compares them with what the games say.
 */
export const STATS_COLUMNS = [
  'games_played', 'games_won', 'won_guesses', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6',
  'fails', 'max_streak', 'current_streak', 'last_day'
] as const

export type StatsColumn = (typeof STATS_COLUMNS)[number]
export type StatsRow = Record<StatsColumn, number>

/** What a user's games come to, as the row stores it. */
export function statsRowOf (a: Aggregate): StatsRow {
  const [g1, g2, g3, g4, g5, g6] = a.byGuesses
  return {
    games_played: a.gamesPlayed,
    games_won: a.gamesWon,
    won_guesses: a.wonGuesses,
    g1,
    g2,
    g3,
    g4,
    g5,
    g6,
    fails: a.fails,
    max_streak: a.maxStreak,
    current_streak: a.currentStreak,
    last_day: a.lastDay
  }
}

/** The row of a user before their first game on `day`. */
export function emptyStatsRow (day: number): StatsRow {
  const row = Object.fromEntries(STATS_COLUMNS.map((c) => [c, 0])) as StatsRow
  row.last_day = day
  return row
}
