import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { shardOf } from '@platform/shard'
import { dayToDate } from '../days.js'
import { fsyncDir } from './durable.js'
import { holdExclusive } from './lock.js'
import { commitManifest, generationFiles, looseFiles, manifestFor, newGeneration, readManifest, type RowCounts } from './manifest.js'
import { fillShardFile, fillUsersFile, shardUsers, type ShardData } from './fill-files.js'
import { createForBulk } from './write-files.js'
import { startLayoutWriters, writerCount, type LayoutWriters } from './writers.js'

/** A data set's users: user i is ids[i] / usernames[i]. */
export interface LayoutUsers {
  ids: Buffer[]
  usernames: string[]
}

/** Its games, in columns (a million games in a few megabytes): game j belongs to user gameUser[j]. */
export interface LayoutGames {
  gameUser: Int32Array
  gameId: Float64Array
  gameDay: Int32Array
  /** Stored `finished` text of game j: texts[of[j]] (a source has few distinct values); omitted, it is the day as YYYY-MM-DD. */
  finished?: { texts: string[]; of: Int32Array }
  guesses: Uint8Array
  won: Uint8Array
}

export type LayoutInput = LayoutUsers & LayoutGames

/**
 * A data set in two steps: the users, and a function making the games (drawing or reading
 * them), which the build calls once the users file is being written on a writer thread.
 */
export interface StagedInput {
  users: LayoutUsers
  games: () => LayoutGames
}

export type BuildProgress = (phase: string, done: number, total: number) => void

/** Where a build is: failpoints for the crash test, nothing else. */
export type BuildStep = 'locked' | 'written' | 'committed' | 'cleaned'

export interface BuildOptions {
  out: string
  shardCount: number
  force?: boolean
  onProgress?: BuildProgress
  /** Called with the rows counted in the new files before the commit; throw to abandon the build. */
  beforeCommit?: (rows: { users: number; games: number }) => void
  onStep?: (step: BuildStep) => void
  /**
   * Writer threads for the files, started early by the caller (writersFor) so their start-up
   * overlaps the making of the data; the build closes them. Omitted, the build starts its own
   * for THREADED_ROWS rows or more.
   */
  writers?: LayoutWriters
}

/**
 * From this many rows (users + games) on, files are filled on writer threads. Below it, starting
 * them costs more than it saves: the threads' start-up (about 0.14 s of CPU each, two on two
 * cores) is about what a whole 100k-game build takes (0.25 s).
 */
export const THREADED_ROWS = 200_000

/** Starts writer threads for a build of about `rows` rows, or none when it is too small to gain from them. */
export function writersFor (rows: number, shardCount: number): LayoutWriters | undefined {
  return rows >= THREADED_ROWS ? startLayoutWriters(writerCount(shardCount)) : undefined
}

// Columns the writer threads read in place: on SharedArrayBuffers nothing is copied to them.
const shared = {
  int32: (n: number) => new Int32Array(new SharedArrayBuffer(4 * n)),
  uint8: (n: number) => new Uint8Array(new SharedArrayBuffer(n)),
  float64: (n: number) => new Float64Array(new SharedArrayBuffer(8 * n))
}

/** Each game's stored `finished`: the input's texts, else its day's date, each date made once. */
function finishedTexts (input: LayoutGames): { texts: string[]; of: Int32Array } {
  if (input.finished) return input.finished
  const of = new Int32Array(input.gameDay.length)
  let first = Infinity
  for (const day of input.gameDay) if (day < first) first = day
  const texts: string[] = []
  input.gameDay.forEach((day, j) => {
    of[j] = day - first
    texts[day - first] ??= dayToDate(day)
  })
  return { texts, of }
}

type PreparedUsers = Pick<ShardData, 'ids' | 'userShard' | 'order'>

function prepareUsers (users: LayoutUsers, shardCount: number): PreparedUsers {
  const userCount = users.ids.length
  const ids = shared.uint8(16 * userCount)
  const userShard = shared.int32(userCount)
  users.ids.forEach((id, u) => {
    ids.set(id, 16 * u)
    userShard[u] = shardOf(id, shardCount)
  })
  // Key order: inserting sorted keys fills B-tree pages in sequence.
  // Compared by their first 6 bytes as a number (exact in a double), bytes only on a tie:
  // a native Buffer.compare per comparison made this sort most of the users file's time.
  const head = new Float64Array(userCount)
  for (let u = 0; u < userCount; u++) head[u] = users.ids[u]!.readUIntBE(0, 6)
  const order = shared.int32(userCount)
  order.set(Int32Array.from({ length: userCount }, (_, i) => i).sort((a, b) => head[a]! - head[b]! || Buffer.compare(users.ids[a]!, users.ids[b]!)))
  return { ids, userShard, order }
}

function prepareGames (users: PreparedUsers, games: LayoutGames): ShardData {
  const userCount = users.order.length
  const gameCount = games.gameUser.length
  // Each user's games, contiguous: gameIndex[userStart[u] .. userStart[u + 1]).
  const userStart = shared.int32(userCount + 1)
  for (let j = 0; j < gameCount; j++) userStart[games.gameUser[j]! + 1]!++
  for (let u = 0; u < userCount; u++) userStart[u + 1]! += userStart[u]!
  const fill = userStart.slice(0, userCount)
  const gameIndex = shared.int32(gameCount)
  for (let j = 0; j < gameCount; j++) gameIndex[fill[games.gameUser[j]!]!++] = j
  const { texts, of } = finishedTexts(games)
  const column = <T extends Int32Array | Float64Array | Uint8Array>(make: (n: number) => T, values: T) => {
    const c = make(gameCount)
    c.set(values)
    return c
  }
  return {
    ...users,
    userStart,
    gameIndex,
    gameId: column(shared.float64, games.gameId),
    gameDay: column(shared.int32, games.gameDay),
    gameText: column(shared.int32, of),
    texts,
    guesses: column(shared.uint8, games.guesses),
    won: column(shared.uint8, games.won)
  }
}

const remove = (dir: string, names: Iterable<string>) => {
  for (const name of names) rmSync(join(dir, name), { force: true })
}

/**
 * Writes a complete layout as a new generation next to the current one, and commits it by
 * renaming layout.json over the old manifest: a crash at any point leaves the old layout (or
 * none) or the new one, never a mix. In order: take layout.lock exclusively (refused while
 * instances run), remove leftovers of crashed builds, write and fsync every new file under
 * its new name, count its rows, sync the folder, let the caller compare counts, rename the
 * manifest (the commit), and only then remove the old generation's files.
 *
 * The files are filled on writer threads and on this one, separate SQLite files side by side
 * on every core: the users file on a thread while this one makes the games (a StagedInput),
 * then the shards, taken one by one by whichever thread is free. Each thread syncs the files it
 * filled; the commit waits for all of them.
 */
export async function buildLayout (input: LayoutInput | StagedInput, options: BuildOptions): Promise<{ users: number; games: number }> {
  const { out, shardCount, onProgress = () => {}, onStep = () => {} } = options
  const staged: StagedInput = 'ids' in input ? { users: input, games: () => input } : input
  let writers = options.writers
  try {
    mkdirSync(out, { recursive: true })
    const lock = holdExclusive(out)
    try {
      onStep('locked')
      const previous = readManifest(out)
      if (previous && !options.force) throw new Error(`${out} already holds a layout; pass --force to replace it`)
      const { leftovers, strays } = looseFiles(out, previous)
      if (!previous && strays.length > 0 && !options.force) {
        throw new Error(`${out} holds database files but no layout.json (${strays.join(', ')}), so nothing says they are whole; pass --force to replace them`)
      }
      remove(out, leftovers)

      const gen = newGeneration(previous)
      const names = generationFiles(gen, shardCount)
      let done = 0
      let total = 0
      const onRows = (n: number) => onProgress('write', (done += n), total)
      const rows: Record<string, RowCounts> = {}
      const made = { users: 0, games: 0 }
      try {
        const { usernames } = staged.users
        const users = prepareUsers(staged.users, shardCount)
        // Every file gets its schema here, so the writer threads load no migration code.
        const usersFile = join(out, names.users)
        createForBulk(usersFile, 'users').close()
        const usersJob = { file: usersFile, ids: users.ids, order: users.order, usernames }
        let usersRows = writers?.writeUsers(usersJob, onRows)
        usersRows?.catch(() => {}) // awaited below
        const games = staged.games()
        made.users = usernames.length
        made.games = games.gameUser.length
        total = made.users + made.games
        onProgress('write', done, total)
        writers ??= writersFor(total, shardCount)
        const data = prepareGames(users, games)
        const tasks = names.shards.map((name, shard) => {
          createForBulk(join(out, name), 'shard').close()
          return { file: join(out, name), shard, names: shardUsers(data, shard).map((u) => usernames[u]!) }
        })
        const job = writers?.write(data, tasks, onRows)
        job?.done.catch(() => {}) // awaited below
        usersRows ??= Promise.resolve(fillUsersFile(usersFile, users.ids, users.order, usernames, onRows))
        // This thread fills shard files too, while any are left.
        job?.here()
        rows[names.users] = await usersRows
        const counts = job ? await job.done : tasks.map((t) => fillShardFile(t.file, t.shard, data, t.names, onRows))
        names.shards.forEach((name, shard) => { rows[name] = counts[shard]! })
        await writers?.close()
        fsyncDir(out)
        onStep('written')
        const counted = { users: rows[names.users]!.users!, games: names.shards.reduce((n, f) => n + rows[f]!.games!, 0) }
        options.beforeCommit?.(counted)
      } catch (err) {
        await writers?.close() // no thread still writes a file removed here
        remove(out, [names.users, ...names.shards])
        throw err
      }
      const manifest = manifestFor(gen, shardCount, rows)
      commitManifest(out, manifest)
      onStep('committed')
      // Only now the old generation (and the format-1 files a forced build replaces).
      const after = looseFiles(out, manifest)
      remove(out, [...after.leftovers, ...after.strays])
      fsyncDir(out)
      onStep('cleaned')
      return made
    } finally {
      lock.release()
    }
  } finally {
    await writers?.close()
  }
}
