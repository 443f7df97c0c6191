import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import type { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { v4 as uuidv4 } from 'uuid'
import { startThread, type LayoutGames, type StagedInput } from '@platform/stats/layout'
import { pairSet } from '../lib/pair-set.js'
import { MAX_LISTED, pairKey, readGamesPart, rowidColumn, userIndex, type GamesPart } from './read-games.js'

export interface SourceCounts {
  users: number
  games: number
}

/**
 * From this many games on, the source is read on two threads (this one and a reader thread),
 * each a half of its rowids: handing rows to JavaScript (an array per row, a string per date)
 * is most of the reading, SQLite's scan a tenth of it.
 */
export const THREADED_READ = 200_000

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
 * Reads a single database in the course's original schema (users(user_id INTEGER PRIMARY KEY,
 * username UNIQUE); games(user_id, game_id, finished, guesses, won)) into layout columns, giving
 * every user a fresh UUID. Any row the sharded layout could not hold is an error naming it:
 * nothing is dropped silently. In two steps (see StagedInput): the users are read now, the games
 * when the build asks; then the source is closed, and any refused row, users' too, is thrown.
 */
export function openSource (file: string, options: { threadedFrom?: number } = {}): { input: StagedInput; counts: SourceCounts; close(): void } {
  const threadedFrom = options.threadedFrom ?? THREADED_READ
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
    const userRows = db.prepare(`SELECT ${rowidColumn(db, 'users')} AS row, user_id, username FROM users ORDER BY user_id`).all() as { row: number | null; user_id: number; username: string }[]
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

    const userIds = userRows.map((r) => r.user_id)
    const indexOf = userIndex(userIds)
    const count = (db.prepare('SELECT count(*) AS n FROM games').get() as { n: number }).n
    const readGames = async (): Promise<LayoutGames> => {
      const whole = { after: -Infinity, until: Infinity }
      if (count < threadedFrom || rowidColumn(db, 'games') === 'NULL') return columnsOf([readGamesPart(db, indexOf, whole, count)], userIds, file, problems)
      // Two halves by rowid: the later one on a reader thread, the first one here meanwhile.
      const { lo, hi } = db.prepare('SELECT min(rowid) AS lo, max(rowid) AS hi FROM games').get() as { lo: number; hi: number }
      const mid = lo + Math.floor((hi - lo) / 2)
      const thread = readOnThread(file, { after: mid, until: Infinity })
      let first: GamesPart
      try {
        const firstCount = db.prepare('SELECT count(*) FROM games WHERE rowid <= ?').pluck().get(mid) as number
        first = readGamesPart(db, indexOf, { after: -Infinity, until: mid }, firstCount)
      } catch (err) {
        await thread.stop()
        throw err
      }
      return columnsOf([first, await thread.part], userIds, file, problems)
    }
    const games = async () => {
      try {
        return await readGames()
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

/** One rowid range read on a reader thread (read-games-thread). */
function readOnThread (file: string, range: { after: number; until: number }): { part: Promise<GamesPart>; stop(): Promise<void> } {
  const ext = new URL(import.meta.url).pathname.endsWith('.ts') ? '.ts' : '.js'
  const worker: Worker = startThread(new URL(`./read-games-thread${ext}`, import.meta.url), { file, ...range })
  const part = Promise.race([
    once(worker, 'message').then(([message]) => message as GamesPart),
    once(worker, 'exit').then(([code]) => { throw new Error(`the reader thread exited (${code as number}) without its rows`) })
  ]).finally(() => { worker.terminate().catch(() => {}) })
  part.catch(() => {}) // the caller awaits it, or stops the thread
  return { part, stop: () => worker.terminate().then(() => {}) }
}

/**
 * The parts, in rowid order, as the layout's columns: their `finished` texts numbered once, and
 * every (user, game) pair checked across parts (each part checked its own). Throws, naming up to
 * MAX_LISTED rows (the users' `refused` first), if any row was refused.
 */
function columnsOf (parts: GamesPart[], userIds: unknown[], file: string, refused: string[]): LayoutGames {
  const problems = [...refused, ...parts.flatMap((p) => p.problems)]
  const total = parts.reduce((n, p) => n + p.n, 0)
  const games = {
    gameUser: new Int32Array(total),
    gameId: new Float64Array(total),
    gameDay: new Int32Array(total),
    guesses: new Uint8Array(total),
    won: new Uint8Array(total),
    finished: { texts: [] as string[], of: new Int32Array(total) }
  }
  const textIndex = new Map<string, number>()
  const seenPairs = parts.length > 1 ? pairSet(total) : undefined
  const seenText = new Set<string>()
  let at = 0
  for (const p of parts) {
    const text = p.texts.map((t) => {
      let i = textIndex.get(t)
      if (i === undefined) textIndex.set(t, (i = games.finished.texts.push(t) - 1))
      return i
    })
    const textKeys = new Map(p.textKeys)
    for (let j = 0; j < p.n; j++) {
      if (seenPairs) {
        const key = pairKey(p.gameUser[j]!, p.gameId[j]!)
        const textKey = key === undefined ? textKeys.get(j)! : ''
        const fresh = key !== undefined ? seenPairs.add(key) : !seenText.has(textKey) && seenText.add(textKey) !== undefined
        if (!fresh && problems.length < MAX_LISTED) problems.push(`games row ${p.rowids[j]} (user ${String(userIds[p.gameUser[j]!])}, game ${p.gameId[j]}): recorded twice`)
      }
      games.finished.of[at + j] = text[p.finishedOf[j]!]!
    }
    games.gameUser.set(p.gameUser.subarray(0, p.n), at)
    games.gameId.set(p.gameId.subarray(0, p.n), at)
    games.gameDay.set(p.gameDay.subarray(0, p.n), at)
    games.guesses.set(p.guesses.subarray(0, p.n), at)
    games.won.set(p.won.subarray(0, p.n), at)
    at += p.n
  }
  if (problems.length > 0) throw new Error(`${file} has rows the sharded layout cannot hold:\n  ${problems.slice(0, MAX_LISTED).join('\n  ')}`)
  return games
}
