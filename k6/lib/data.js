// Test data: unique names and a Wordle player whose expected statistics the suite can compute
// itself, so a stats response is checked field by field against what the user really played.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

export function randomToken (length = 8) {
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)]
  return out
}

/** A username no earlier run has used: prefix, VU, a counter and randomness (<= 64 chars). */
let counter = 0
export function uniqueName (prefix, vu = 0) {
  counter++
  return `${prefix}-${vu}-${counter}-${randomToken(10)}`.slice(0, 64)
}

export const randomInt = (min, max) => min + Math.floor(Math.random() * (max - min + 1))
export const pick = (list) => list[Math.floor(Math.random() * list.length)]

const MS_PER_DAY = 86400000
export const dayToDate = (day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10)

/**
 * One player's history. Games are on days that mostly follow each other (sometimes a day is
 * skipped, which breaks a streak), as a daily Wordle player's do.
 */
export class Player {
  constructor (user) {
    this.user = user
    this.games = [] // facts the statistics are computed from
    this.posted = [] // the games as the API accepted them, to read back
    // Somewhere in 2021..2025, so players do not all share the same days.
    this.nextDay = 18628 + randomInt(0, 1800)
  }

  /** The next game this player finishes: won 85% of the time, like real Wordle players. */
  nextGame () {
    const won = Math.random() < 0.85
    const game = {
      user_id: this.user.user_id,
      game_id: this.games.length + 1,
      finished: dayToDate(this.nextDay),
      guesses: won ? randomInt(2, 6) : 6,
      won
    }
    this.nextDay += Math.random() < 0.1 ? 2 : 1
    return game
  }

  played (game) {
    this.posted.push(game)
    this.games.push({ day: Math.round(Date.parse(game.finished) / MS_PER_DAY), guesses: game.guesses, won: game.won })
  }

  /** The statistics the service must report for the games played so far (NYT definitions). */
  expectedStats () {
    return expectedStats(this.games)
  }
}

const roundHalfUp = (num, den) => (den === 0 ? 0 : Math.floor((2 * num + den) / (2 * den)))

export function expectedStats (games) {
  const guesses = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, fail: 0 }
  let won = 0
  let wonGuesses = 0
  let run = 0
  let maxStreak = 0
  let lastDay
  for (const g of [...games].sort((a, b) => a.day - b.day)) {
    // A streak is won games on consecutive days: a loss or a missing day ends it.
    if (g.won) {
      run = lastDay !== undefined && g.day === lastDay + 1 && run > 0 ? run + 1 : 1
      won++
      wonGuesses += g.guesses
      guesses[g.guesses]++
    } else {
      run = 0
      guesses.fail++
    }
    maxStreak = Math.max(maxStreak, run)
    lastDay = g.day
  }
  return {
    currentStreak: run,
    maxStreak,
    guesses,
    winPercentage: roundHalfUp(100 * won, games.length),
    gamesPlayed: games.length,
    gamesWon: won,
    averageGuesses: roundHalfUp(wonGuesses, won)
  }
}
