import type Database from 'better-sqlite3'
import { RANGE_TEXT } from '@platform/kit'
import { parseFinished } from '@platform/stats/layout'
import { pairSet } from '../lib/pair-set.js'

/** At most this many refused rows are listed; the rest are counted in with them. */
export const MAX_LISTED = 20

/** The games of one rowid range of a course-format source, in layout columns (its first `n` entries). */
export interface GamesPart {
  n: number
  gameUser: Int32Array
  gameId: Float64Array
  gameDay: Int32Array
  /** Game j's stored `finished` is texts[finishedOf[j]]. */
  finishedOf: Int32Array
  texts: string[]
  guesses: Uint8Array
  won: Uint8Array
  /** Each game's source rowid, to name it if another part holds it too. */
  rowids: Float64Array
  /** (user, game) keys too large for the numeric set: game j's, as text (rare; see `pairKey`). */
  textKeys: [number, string][]
  /** Rows the layout cannot hold, in row order, at most MAX_LISTED. */
  problems: string[]
}

/** The (user, game) key of a game as one number, while it is exact; undefined when it must be text. */
export function pairKey (u: number, game: number): number | undefined {
  return game < 2 ** 32 && u < 2 ** 20 ? u * 2 ** 32 + game : undefined
}

/**
 * user_id to the user's index in `userIds` (the users table in user_id order). The course's ids
 * are 1..N: a flat table then (a Map lookup per game was a tenth of the reading), a Map for any
 * other ids.
 */
export function userIndex (userIds: unknown[]): (id: unknown) => number | undefined {
  const limit = 2 * userIds.length + 1024
  const small = (id: unknown): id is number => typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < limit
  if (!userIds.every(small)) {
    const map = new Map(userIds.map((id, u) => [id, u]))
    return (id) => map.get(id)
  }
  const table = new Int32Array(limit).fill(-1)
  userIds.forEach((id, u) => { table[id] = u })
  return (id) => {
    const u = small(id) ? table[id]! : -1
    return u === -1 ? undefined : u
  }
}

/** The source's user ids in the order every reader numbers users (user_id order). */
export function sourceUserIds (db: Database.Database): unknown[] {
  return db.prepare('SELECT user_id FROM users ORDER BY user_id').pluck().all()
}

/** `rowid` if the table has one, else NULL (a WITHOUT ROWID table: the key names the row). */
export function rowidColumn (db: Database.Database, table: string): 'rowid' | 'NULL' {
  try {
    db.prepare(`SELECT rowid FROM ${table} LIMIT 0`).all()
    return 'rowid'
  } catch {
    return 'NULL'
  }
}

/**
 * Reads the games with `after < rowid <= until` (the whole table when it has no rowid), checking
 * every row: an unknown user, a game_id that is not a positive integer, guesses outside 1..6, a
 * `won` that is no boolean, a `finished` the platform refuses, a (user, game) pair read twice in
 * this part. Once a row is refused the rest are still checked (up to MAX_LISTED listed) but not kept.
 */
export function readGamesPart (db: Database.Database, indexOf: (id: unknown) => number | undefined, range: { after: number; until: number }, capacity: number): GamesPart {
  const part: GamesPart = {
    n: 0,
    gameUser: new Int32Array(capacity),
    gameId: new Float64Array(capacity),
    gameDay: new Int32Array(capacity),
    finishedOf: new Int32Array(capacity),
    texts: [],
    guesses: new Uint8Array(capacity),
    won: new Uint8Array(capacity),
    rowids: new Float64Array(capacity),
    textKeys: [],
    problems: []
  }
  const problems = part.problems
  const problem = (text: string) => problems.length < MAX_LISTED && problems.push(text)
  const seenPairs = pairSet(capacity)
  const seenText = new Set<string>()
  // A source holds few distinct finished values (a date per day): each is parsed once.
  const parsedFinished = new Map<unknown, { day: number; text: number } | undefined>()
  const hasRowid = rowidColumn(db, 'games') === 'rowid'
  const columns = 'user_id, game_id, finished, guesses, won'
  // Read in slices by rowid: .all() of a slice costs far less per row than .iterate(), and a
  // slice keeps memory flat at 10M games. (A WITHOUT ROWID source is read at once.)
  const slice = hasRowid
    ? db.prepare(`SELECT rowid AS row, ${columns} FROM games WHERE rowid > ? AND rowid <= ? ORDER BY rowid LIMIT 65536`).raw()
    : db.prepare(`SELECT NULL AS row, ${columns} FROM games`).raw()
  const where = (row: number | null, userId: unknown, game: unknown) => `games${row === null ? '' : ` row ${row}`} (user ${userId}, game ${game})`
  let after = range.after
  for (;;) {
    const batch = (hasRowid ? slice.all(after, range.until) : slice.all()) as [number | null, number, number, unknown, number, unknown][]
    if (batch.length === 0) break
    after = batch[batch.length - 1]![0]!
    for (const [row, userId, game, finishedValue, guessCount, wonValue] of batch) {
      const u = indexOf(userId)
      if (u === undefined) problem(`${where(row, userId, game)}: no such user`)
      const gameOk = Number.isSafeInteger(game) && game >= 1
      if (!gameOk) problem(`${where(row, userId, game)}: game_id must be a positive integer`)
      if (!Number.isInteger(guessCount) || guessCount < 1 || guessCount > 6) problem(`${where(row, userId, game)}: guesses ${guessCount} is not 1..6`)
      const w = wonValue === 1 || wonValue === '1' || wonValue === 'True' || wonValue === 'true' ? 1 : wonValue === 0 || wonValue === '0' || wonValue === 'False' || wonValue === 'false' ? 0 : -1
      if (w === -1) problem(`${where(row, userId, game)}: won ${String(wonValue)} is not a boolean`)
      let parsed = parsedFinished.get(finishedValue)
      if (parsed === undefined && !parsedFinished.has(finishedValue)) {
        const p = typeof finishedValue === 'string' ? parseFinished(finishedValue) : undefined
        parsed = p && { day: p.day, text: part.texts.push(p.finished) - 1 }
        parsedFinished.set(finishedValue, parsed)
      }
      if (!parsed) problem(`${where(row, userId, game)}: finished ${JSON.stringify(finishedValue)} is not a date (YYYY-MM-DD) or ISO-8601 timestamp with an offset from -12:00 to +14:00, from ${RANGE_TEXT}`)
      const key = u !== undefined && gameOk ? pairKey(u, game) : undefined
      const textKey = key === undefined ? `${userId}:${game}` : ''
      const fresh = key !== undefined ? seenPairs.add(key) : !seenText.has(textKey) && seenText.add(textKey) !== undefined
      if (!fresh) problem(`${where(row, userId, game)}: recorded twice`)
      if (problems.length > 0) continue
      const j = part.n++
      if (key === undefined) part.textKeys.push([j, textKey])
      part.gameUser[j] = u!
      part.gameId[j] = game
      part.gameDay[j] = parsed!.day
      part.finishedOf[j] = parsed!.text
      part.guesses[j] = guessCount
      part.won[j] = w
      part.rowids[j] = row ?? j
    }
    if (!hasRowid) break
  }
  return part
}
