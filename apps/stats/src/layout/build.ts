import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { shardFileName, shardOf } from '@platform/shard'
import { migrate } from '@platform/sqlite'
import { aggregate, type GameFacts } from '../aggregates.js'
import { dayToDate } from '../days.js'
import { batchInserter } from './batch-insert.js'
import { manifestFor, readManifest, writeManifest, MANIFEST_FILE, USERS_FILE, USERS_MIGRATIONS, SHARD_MIGRATIONS } from './manifest.js'

/**
 * A whole data set in columns: user i is ids[i] / usernames[i]; game j belongs to user
 * gameUser[j]. Columns keep a million games in a few megabytes.
 */
export interface LayoutInput {
  ids: Buffer[]
  usernames: string[]
  gameUser: Int32Array
  gameId: Float64Array
  gameDay: Int32Array
  /** Stored `finished` text per game; omitted, it is the day as YYYY-MM-DD. */
  gameFinished?: string[]
  guesses: Uint8Array
  won: Uint8Array
}

export type BuildProgress = (phase: string, done: number, total: number) => void

export interface BuildOptions {
  out: string
  shardCount: number
  force?: boolean
  onProgress?: BuildProgress
}

const DB_FILES = (shardCount: number) => [USERS_FILE, ...Array.from({ length: shardCount }, (_, i) => shardFileName(i))]

/** Fast and unsafe while building; the finished file is switched to WAL like every database. */
function openForBuild(file: string, migrations: string): Database.Database {
  rmSync(file, { force: true })
  const db = new Database(file)
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('locking_mode = EXCLUSIVE')
  db.pragma('cache_size = -262144')
  migrate(db, migrations)
  return db
}

function finishBuild(db: Database.Database): void {
  db.pragma('journal_mode = WAL')
  db.close()
}

/** Order of 16-byte ids: inserting sorted keys fills B-tree pages in sequence. */
const compareIds = (ids: Buffer[]) => (a: number, b: number) => Buffer.compare(ids[a]!, ids[b]!)

/**
 * Writes a complete layout: users.db, one games shard per shard index with every user's
 * aggregates and winning runs, then layout.json. Everything is written to *.tmp files and
 * renamed at the end, so a crash leaves the previous layout (or none) in place.
 */
export function buildLayout(input: LayoutInput, options: BuildOptions): { users: number; games: number } {
  const { out, shardCount, onProgress = () => {} } = options
  const userCount = input.ids.length
  const gameCount = input.gameUser.length
  if (existsSync(join(out, MANIFEST_FILE)) && !options.force) {
    throw new Error(`${out} already holds a layout; pass --force to replace it`)
  }
  mkdirSync(out, { recursive: true })

  // Each user's games, contiguous: gameIndex[userStart[u] .. userStart[u + 1]).
  const userStart = new Int32Array(userCount + 1)
  for (let j = 0; j < gameCount; j++) userStart[input.gameUser[j]! + 1]!++
  for (let u = 0; u < userCount; u++) userStart[u + 1]! += userStart[u]!
  const fill = userStart.slice(0, userCount)
  const gameIndex = new Int32Array(gameCount)
  for (let j = 0; j < gameCount; j++) gameIndex[fill[input.gameUser[j]!]!++] = j

  const finishedOf = input.gameFinished
    ? (j: number) => input.gameFinished![j]!
    : (() => {
        const cache = new Map<number, string>()
        return (j: number) => {
          const day = input.gameDay[j]!
          let text = cache.get(day)
          if (text === undefined) cache.set(day, (text = dayToDate(day)))
          return text
        }
      })()

  const order = Array.from({ length: userCount }, (_, i) => i).sort(compareIds(input.ids))
  const tmp = (name: string) => join(out, `${name}.tmp`)

  // users.db
  const usersDb = openForBuild(tmp(USERS_FILE), USERS_MIGRATIONS)
  const users = batchInserter(usersDb, 'users', ['user_id', 'username'])
  usersDb.transaction(() => {
    for (let k = 0; k < userCount; k++) {
      const u = order[k]!
      users.add(input.ids[u], input.usernames[u])
      if ((k & 0xffff) === 0) onProgress('users', k, userCount)
    }
    users.flush()
  })()
  onProgress('users', userCount, userCount)
  finishBuild(usersDb)

  // One shard at a time: games, aggregates and runs of the users it owns, in key order.
  let written = 0
  for (let s = 0; s < shardCount; s++) {
    const db = openForBuild(tmp(shardFileName(s)), SHARD_MIGRATIONS)
    const games = batchInserter(db, 'games', ['user_id', 'game_id', 'finished', 'guesses', 'won'])
    const stats = batchInserter(db, 'user_stats', ['user_id', 'username', 'games_played', 'games_won', 'won_guesses',
      'g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'fails', 'max_streak', 'current_streak', 'last_day'], 60)
    const runs = batchInserter(db, 'win_runs', ['user_id', 'end_day', 'start_day'])
    db.transaction(() => {
      for (const u of order) {
        const id = input.ids[u]!
        if (shardOf(id, shardCount) !== s) continue
        const from = userStart[u]!
        const to = userStart[u + 1]!
        if (from === to) continue
        const mine = Array.from(gameIndex.subarray(from, to)).sort((a, b) => input.gameId[a]! - input.gameId[b]!)
        const facts: GameFacts[] = []
        for (const j of mine) {
          games.add(id, input.gameId[j], finishedOf(j), input.guesses[j], input.won[j])
          facts.push({ day: input.gameDay[j]!, guesses: input.guesses[j]!, won: input.won[j] === 1 })
        }
        const a = aggregate(facts)
        stats.add(id, input.usernames[u], a.gamesPlayed, a.gamesWon, a.wonGuesses, ...a.byGuesses, a.fails,
          a.maxStreak, a.currentStreak, a.lastDay)
        for (const [start, end] of a.runs) runs.add(id, end, start)
        written += mine.length
        if ((u & 0x3ff) === 0) onProgress('games', written, gameCount)
      }
      games.flush()
      stats.flush()
      runs.flush()
    })()
    finishBuild(db)
  }
  onProgress('games', written, gameCount)

  // Swap in: remove what a forced rebuild replaces (with its WAL files), rename, manifest last.
  const previous = readManifest(out)
  rmSync(join(out, MANIFEST_FILE), { force: true })
  for (const name of previous ? [previous.users, ...previous.shards] : []) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(out, name + suffix), { force: true })
  }
  for (const name of DB_FILES(shardCount)) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(out, name + suffix), { force: true })
    renameSync(tmp(name), join(out, name))
  }
  writeManifest(out, manifestFor(shardCount))
  return { users: userCount, games: written }
}
