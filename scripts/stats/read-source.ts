import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { v4 as uuidv4 } from 'uuid'
import { RANGE_TEXT } from '@platform/kit'
import { parseFinished, type LayoutGames, type StagedInput } from '@platform/stats/layout'
import { pairSet } from '../lib/pair-set.js'

export interface SourceCounts {
  users: number
  games: number
}

const MAX_LISTED = 20

/** The rows a source holds (users + games), 0 if it cannot be read: openSource says why. */
export function sourceRows (file: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true })
    try {
      return ['users', 'games'].reduce((n, table) => n + (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, 0)
    } finally {
      db.close()
    }
  } catch {
    return 0
  }
}

/**
 * user_id to the user's index. The course's ids are 1..N: a flat table then (a Map lookup per
 * game was a tenth of the reading), a Map for any other ids.
 */
function userIndex (userIds: unknown[]): (id: unknown) => number | undefined {
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

/**
 * Reads a single database in the course's original schema (users(user_id INTEGER PRIMARY KEY,
 * username UNIQUE); games(user_id, game_id, finished, guesses, won)) into layout columns, giving
 * every user a fresh UUID. Any row the sharded layout could not hold is an error naming it:
 * nothing is dropped silently. In two steps (see StagedInput): the users are read now, the games
 * when the build asks; then the source is closed, and any refused row, users' too, is thrown.
 */
export function openSource (file: string): { input: StagedInput; counts: SourceCounts; close(): void } {
  let db: Database.Database
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    db.prepare('SELECT count(*) FROM sqlite_master').get()
  } catch (err) {
    throw new Error(`${file} cannot be read as a SQLite database: ${(err as Error).message}`)
  }
  try {
    const problems: string[] = []
    const problem = (text: string) => problems.length < MAX_LISTED && problems.push(text)

    // `row N` is the table's rowid: what `SELECT rowid, * FROM games` or a dump shows, to find the line to fix.
    const rowid = (table: string) => {
      try {
        db.prepare(`SELECT rowid FROM ${table} LIMIT 0`).all()
        return 'rowid'
      } catch {
        return 'NULL' // a WITHOUT ROWID table: the key names the row
      }
    }
    const userRows = db.prepare(`SELECT ${rowid('users')} AS row, user_id, username FROM users ORDER BY user_id`).all() as { row: number | null; user_id: number; username: string }[]
    const ids: Buffer[] = []
    const usernames: string[] = []
    const random = randomBytes(16 * userRows.length)
    for (const r of userRows) {
      if (typeof r.username !== 'string' || r.username.length === 0) problem(`users${r.row === null ? '' : ` row ${r.row}`} (user ${r.user_id}): no username`)
      const id = Buffer.alloc(16)
      uuidv4({ random: random.subarray(16 * ids.length, 16 * ids.length + 16) }, id)
      ids.push(id)
      usernames.push(r.username)
    }

    const indexOf = userIndex(userRows.map((r) => r.user_id))
    const count = (db.prepare('SELECT count(*) AS n FROM games').get() as { n: number }).n
    const readGames = (): LayoutGames => {
      const gameUser = new Int32Array(count)
      const gameId = new Float64Array(count)
      const gameDay = new Int32Array(count)
      // Stored `finished` texts, each distinct one once: game j's is texts[finishedOf[j]].
      const finishedOf = new Int32Array(count)
      const texts: string[] = []
      const guesses = new Uint8Array(count)
      const won = new Uint8Array(count)
      // (user, game) pairs seen: one number in a flat table while it fits in a double exactly, else text.
      const seenPairs = pairSet(count)
      const seenText = new Set<string>()
      // A source holds few distinct finished values (a date per day): each is parsed once.
      const parsedFinished = new Map<unknown, { day: number; text: number } | undefined>()
      let j = 0
      const hasRowid = rowid('games') === 'rowid'
      const columns = 'user_id, game_id, finished, guesses, won'
      // Read in slices by rowid: .all() of a slice costs far less per row than .iterate(), and a
      // slice keeps memory flat at 10M games. (A WITHOUT ROWID source is read at once.)
      const slice = hasRowid
        ? db.prepare(`SELECT rowid AS row, ${columns} FROM games WHERE rowid > ? ORDER BY rowid LIMIT 65536`).raw()
        : db.prepare(`SELECT NULL AS row, ${columns} FROM games`).raw()
      const where = (row: number | null, userId: unknown, game: unknown) => `games${row === null ? '' : ` row ${row}`} (user ${userId}, game ${game})`
      let after = -Infinity
      for (;;) {
        const batch = (hasRowid ? slice.all(after) : slice.all()) as [number | null, number, number, unknown, number, unknown][]
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
            parsed = p && { day: p.day, text: texts.push(p.finished) - 1 }
            parsedFinished.set(finishedValue, parsed)
          }
          if (!parsed) problem(`${where(row, userId, game)}: finished ${JSON.stringify(finishedValue)} is not a date (YYYY-MM-DD) or ISO-8601 timestamp with an offset from -12:00 to +14:00, from ${RANGE_TEXT}`)
          const fresh = u !== undefined && gameOk && game < 2 ** 32 && u < 2 ** 20
            ? seenPairs.add(u * 2 ** 32 + game)
            : !seenText.has(`${userId}:${game}`) && seenText.add(`${userId}:${game}`) !== undefined
          if (!fresh) problem(`${where(row, userId, game)}: recorded twice`)
          if (problems.length > 0) continue
          gameUser[j] = u!
          gameId[j] = game
          gameDay[j] = parsed!.day
          finishedOf[j] = parsed!.text
          guesses[j] = guessCount
          won[j] = w
          j++
        }
        if (!hasRowid) break
      }
      if (problems.length > 0) throw new Error(`${file} has rows the sharded layout cannot hold:\n  ${problems.join('\n  ')}`)
      return { gameUser, gameId, gameDay, finished: { texts, of: finishedOf }, guesses, won }
    }
    const games = () => {
      try {
        return readGames()
      } finally {
        db.close()
      }
    }
    return { input: { users: { ids, usernames }, games }, counts: { users: userRows.length, games: count }, close: () => db.close() }
  } catch (err) {
    db.close()
    throw err
  }
}
