import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { shardOf } from '@platform/shard'
import { fsyncDir } from './durable.js'
import { holdExclusive } from './lock.js'
import { commitManifest, generationFiles, looseFiles, manifestFor, newGeneration, readManifest, type RowCounts } from './manifest.js'
import { writeShardFile, writeUsersFile, type Prepared } from './write-files.js'

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
}

function prepare (input: LayoutInput, shardCount: number): Prepared {
  const userCount = input.ids.length
  const gameCount = input.gameUser.length
  const ids = new Uint8Array(16 * userCount)
  const userShard = new Int32Array(userCount)
  input.ids.forEach((id, u) => {
    ids.set(id, 16 * u)
    userShard[u] = shardOf(id, shardCount)
  })
  // Each user's games, contiguous: gameIndex[userStart[u] .. userStart[u + 1]).
  const userStart = new Int32Array(userCount + 1)
  for (let j = 0; j < gameCount; j++) userStart[input.gameUser[j]! + 1]!++
  for (let u = 0; u < userCount; u++) userStart[u + 1]! += userStart[u]!
  const fill = userStart.slice(0, userCount)
  const gameIndex = new Int32Array(gameCount)
  for (let j = 0; j < gameCount; j++) gameIndex[fill[input.gameUser[j]!]!++] = j
  // Key order: inserting sorted keys fills B-tree pages in sequence.
  // Compared by their first 6 bytes as a number (exact in a double), bytes only on a tie:
  // a native Buffer.compare per comparison made this sort most of the users file's time.
  const head = new Float64Array(userCount)
  for (let u = 0; u < userCount; u++) head[u] = input.ids[u]!.readUIntBE(0, 6)
  const order = Int32Array.from({ length: userCount }, (_, i) => i)
    .sort((a, b) => head[a]! - head[b]! || Buffer.compare(input.ids[a]!, input.ids[b]!))
  const { usernames, gameId, gameDay, gameFinished, guesses, won } = input
  return { ids, usernames, order, userShard, userStart, gameIndex, gameId, gameDay, gameFinished, guesses, won }
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
 * manifest (the commit), and only then remove the old generation's files. One thread: on this
 * 2-vCPU box, writer threads cost twice the CPU and gained nothing (measured, see the README).
 */
export async function buildLayout (input: LayoutInput, options: BuildOptions): Promise<{ users: number; games: number }> {
  const { out, shardCount, onProgress = () => {}, onStep = () => {} } = options
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
    const prepared = prepare(input, shardCount)
    const total = input.ids.length + input.gameUser.length
    let done = 0
    const onRows = (n: number) => onProgress('write', (done += n), total)
    onProgress('write', 0, total)
    const rows: Record<string, RowCounts> = {}
    try {
      rows[names.users] = writeUsersFile(join(out, names.users), prepared, onRows)
      names.shards.forEach((name, shard) => {
        rows[name] = writeShardFile(join(out, name), shard, prepared, onRows)
      })
      fsyncDir(out)
      onStep('written')
      const counted = { users: rows[names.users]!.users!, games: names.shards.reduce((n, f) => n + rows[f]!.games!, 0) }
      options.beforeCommit?.(counted)
    } catch (err) {
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
    return { users: input.ids.length, games: input.gameUser.length }
  } finally {
    lock.release()
  }
}
