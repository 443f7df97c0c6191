/**
 * The definitions of the statistics, written once as a pure function of a user's games.
 * The bulk loader builds aggregates with it, `verify` checks stored ones against it, and the
 * tests check the incremental store against it.
 */
export interface GameFacts {
  day: number
  guesses: number
  won: boolean
}

export interface Aggregate {
  gamesPlayed: number
  gamesWon: number
  /** Sum of guesses over won games. */
  wonGuesses: number
  /** Won games by number of guesses: index 0 is "solved in 1". */
  byGuesses: [number, number, number, number, number, number]
  fails: number
  maxStreak: number
  currentStreak: number
  /** Latest played day (-Infinity-like 0 is never used: only computed with at least one game). */
  lastDay: number
  /** Maximal runs of consecutive won days, ascending: [start, end]. */
  runs: [number, number][]
}

export function aggregate (games: Iterable<GameFacts>): Aggregate {
  const agg: Aggregate = {
    gamesPlayed: 0,
    gamesWon: 0,
    wonGuesses: 0,
    byGuesses: [0, 0, 0, 0, 0, 0],
    fails: 0,
    maxStreak: 0,
    currentStreak: 0,
    lastDay: Number.MIN_SAFE_INTEGER,
    runs: []
  }
  const wonDays = new Set<number>()
  for (const g of games) {
    agg.gamesPlayed++
    if (g.day > agg.lastDay) agg.lastDay = g.day
    if (g.won) {
      agg.gamesWon++
      agg.wonGuesses += g.guesses
      agg.byGuesses[g.guesses - 1]!++
      wonDays.add(g.day)
    } else {
      agg.fails++
    }
  }
  const days = [...wonDays].sort((a, b) => a - b)
  for (const day of days) {
    const last = agg.runs[agg.runs.length - 1]
    if (last && last[1] === day - 1) last[1] = day
    else agg.runs.push([day, day])
  }
  for (const [start, end] of agg.runs) agg.maxStreak = Math.max(agg.maxStreak, end - start + 1)
  const latest = agg.runs[agg.runs.length - 1]
  // The current streak is the run ending on the latest played day; a loss-only latest day breaks it.
  if (latest && latest[1] === agg.lastDay) agg.currentStreak = latest[1] - latest[0] + 1
  return agg
}

/** round(numerator / denominator), halves up, in integers; 0 when undefined. */
export function roundedRatio (numerator: number, denominator: number): number {
  if (denominator === 0) return 0
  return Math.floor((2 * numerator + denominator) / (2 * denominator))
}
