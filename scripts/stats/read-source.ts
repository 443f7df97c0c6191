import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { v4 as uuidv4 } from 'uuid'
import { RANGE_TEXT } from '@platform/kit'
import { parseFinished, type LayoutInput } from '@platform/stats/layout'

export interface SourceCounts {
  users: number
  games: number
}

const MAX_LISTED = 20

/**
 * Reads a single database in the course's original schema (users(user_id INTEGER PRIMARY KEY,
 * username UNIQUE); games(user_id, game_id, finished, guesses, won)) into layout columns, giving
 * every user a fresh UUID. Any row the sharded layout could not hold is an error naming it:
 * nothing is dropped silently.
 */
export function readSource (file: string): { input: LayoutInput; counts: SourceCounts } {
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
    const indexOf = new Map<number, number>()
    const ids: Buffer[] = []
    const usernames: string[] = []
    for (const r of userRows) {
      if (typeof r.username !== 'string' || r.username.length === 0) problem(`users${r.row === null ? '' : ` row ${r.row}`} (user ${r.user_id}): no username`)
      indexOf.set(r.user_id, ids.length)
      const id = Buffer.alloc(16)
      uuidv4({ random: randomBytes(16) }, id)
      ids.push(id)
      usernames.push(r.username)
    }

    const count = (db.prepare('SELECT count(*) AS n FROM games').get() as { n: number }).n
    const gameUser = new Int32Array(count)
    const gameId = new Float64Array(count)
    const gameDay = new Int32Array(count)
    const gameFinished: string[] = new Array(count)
    const guesses = new Uint8Array(count)
    const won = new Uint8Array(count)
    const seen = new Set<string>()
    let j = 0
    for (const g of db.prepare(`SELECT ${rowid('games')} AS row, user_id, game_id, finished, guesses, won FROM games`).iterate() as Iterable<{
      row: number | null; user_id: number; game_id: number; finished: unknown; guesses: number; won: unknown
    }>) {
      const where = `games${g.row === null ? '' : ` row ${g.row}`} (user ${g.user_id}, game ${g.game_id})`
      const u = indexOf.get(g.user_id)
      if (u === undefined) problem(`${where}: no such user`)
      if (!Number.isSafeInteger(g.game_id) || g.game_id < 1) problem(`${where}: game_id must be a positive integer`)
      if (!Number.isInteger(g.guesses) || g.guesses < 1 || g.guesses > 6) problem(`${where}: guesses ${g.guesses} is not 1..6`)
      const w = g.won === 1 || g.won === '1' || g.won === 'True' || g.won === 'true' ? 1 : g.won === 0 || g.won === '0' || g.won === 'False' || g.won === 'false' ? 0 : -1
      if (w === -1) problem(`${where}: won ${String(g.won)} is not a boolean`)
      const parsed = typeof g.finished === 'string' ? parseFinished(g.finished) : undefined
      if (!parsed) problem(`${where}: finished ${JSON.stringify(g.finished)} is not a date (YYYY-MM-DD) or ISO-8601 timestamp with an offset from -12:00 to +14:00, from ${RANGE_TEXT}`)
      const key = `${g.user_id}:${g.game_id}`
      if (seen.has(key)) problem(`${where}: recorded twice`)
      seen.add(key)
      if (problems.length > 0) continue
      const { finished, day } = parsed!
      gameUser[j] = u!
      gameId[j] = g.game_id
      gameDay[j] = day
      gameFinished[j] = finished
      guesses[j] = g.guesses
      won[j] = w
      j++
    }
    if (problems.length > 0) throw new Error(`${file} has rows the sharded layout cannot hold:\n  ${problems.join('\n  ')}`)
    return {
      input: { ids, usernames, gameUser, gameId, gameDay, gameFinished, guesses, won },
      counts: { users: userRows.length, games: count }
    }
  } finally {
    db.close()
  }
}
