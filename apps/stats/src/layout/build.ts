import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { shardOf } from '@platform/shard'
import { manifestFor, readManifest, shardFileName, writeManifest, MANIFEST_FILE, USERS_FILE } from './manifest.js'
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

export interface BuildOptions {
  out: string
  shardCount: number
  force?: boolean
  onProgress?: BuildProgress
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
  const order = Int32Array.from({ length: userCount }, (_, i) => i).sort((a, b) => Buffer.compare(input.ids[a]!, input.ids[b]!))
  const { usernames, gameId, gameDay, gameFinished, guesses, won } = input
  return { ids, usernames, order, userShard, userStart, gameIndex, gameId, gameDay, gameFinished, guesses, won }
}

/**
 * Writes a complete layout: users.db, one games shard per shard index with every user's
 * aggregates and winning runs, then layout.json. Files are written as *.tmp and renamed at the
 * end, so a crash leaves the previous layout (or none). One thread: on this 2-vCPU box, writer
 * threads cost twice the CPU and gained nothing (measured, see the README).
 */
export async function buildLayout (input: LayoutInput, options: BuildOptions): Promise<{ users: number; games: number }> {
  const { out, shardCount, onProgress = () => {} } = options
  if (existsSync(join(out, MANIFEST_FILE)) && !options.force) {
    throw new Error(`${out} already holds a layout; pass --force to replace it`)
  }
  mkdirSync(out, { recursive: true })
  const prepared = prepare(input, shardCount)
  const tmp = (name: string) => join(out, `${name}.tmp`)
  const files = [USERS_FILE, ...Array.from({ length: shardCount }, (_, i) => shardFileName(i))]
  for (const name of files) rmSync(tmp(name), { force: true })

  const total = input.ids.length + input.gameUser.length
  let done = 0
  const onRows = (n: number) => onProgress('write', (done += n), total)
  onProgress('write', 0, total)
  writeUsersFile(tmp(USERS_FILE), prepared, onRows)
  for (let shard = 0; shard < shardCount; shard++) writeShardFile(tmp(shardFileName(shard)), shard, prepared, onRows)

  // Swap in: remove what a forced rebuild replaces (with its WAL files), rename, manifest last.
  const previous = readManifest(out)
  rmSync(join(out, MANIFEST_FILE), { force: true })
  for (const name of previous ? [previous.users, ...previous.shards] : []) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(out, name + suffix), { force: true })
  }
  for (const name of files) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(out, name + suffix), { force: true })
    renameSync(tmp(name), join(out, name))
  }
  writeManifest(out, manifestFor(shardCount))
  return { users: input.ids.length, games: input.gameUser.length }
}
