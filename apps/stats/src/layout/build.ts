import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { shardFileName, shardOf } from '@platform/shard'
import { manifestFor, readManifest, writeManifest, MANIFEST_FILE, USERS_FILE } from './manifest.js'
import { writeShardFile, writeUsersFile, type Prepared } from './write-files.js'
import type { FromWorker, Task } from './build-worker.js'

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
  /** Files are written by this many threads at once (default: one per core, at most one per file). */
  threads?: number
}

function prepare(input: LayoutInput, shardCount: number): Prepared {
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

// Workers do not inherit this thread's TypeScript loader on Node 20, so each one registers
// tsx itself before it imports the worker module.
const WORKER = new URL('./build-worker.ts', import.meta.url)
const BOOTSTRAP = new URL(
  'data:text/javascript,' +
    encodeURIComponent(
      `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(WORKER.href)})`
    )
)

/** Runs the file tasks on `threads` worker threads, handing out the next task as one finishes. */
function runOnWorkers(tasks: Task[], prepared: Prepared, threads: number, onRows: (n: number) => void): Promise<void> {
  const queue = [...tasks]
  return new Promise((resolve, reject) => {
    let running = threads
    let failed = false
    for (let w = 0; w < threads; w++) {
      const worker = new Worker(BOOTSTRAP, { workerData: prepared })
      const next = () => worker.postMessage(queue.shift() ?? null)
      worker.on('message', (m: FromWorker) => {
        if ('rows' in m) onRows(m.rows)
        else if ('done' in m) next()
        else {
          failed = true
          worker.postMessage(null)
          reject(new Error(m.failed))
        }
      })
      worker.on('error', (err) => {
        failed = true
        reject(err)
      })
      worker.on('exit', () => {
        if (--running === 0 && !failed) resolve()
      })
      next()
    }
  })
}

/**
 * Writes a complete layout: users.db, one games shard per shard index with every user's
 * aggregates and winning runs, then layout.json. Files are written as *.tmp (in parallel on
 * worker threads) and renamed at the end, so a crash leaves the previous layout (or none).
 */
export async function buildLayout(input: LayoutInput, options: BuildOptions): Promise<{ users: number; games: number }> {
  const { out, shardCount, onProgress = () => {} } = options
  if (existsSync(join(out, MANIFEST_FILE)) && !options.force) {
    throw new Error(`${out} already holds a layout; pass --force to replace it`)
  }
  mkdirSync(out, { recursive: true })
  const prepared = prepare(input, shardCount)
  const tmp = (name: string) => join(out, `${name}.tmp`)
  const tasks: Task[] = [
    ...Array.from({ length: shardCount }, (_, shard): Task => ({ kind: 'shard', shard, file: tmp(shardFileName(shard)) })),
    { kind: 'users', file: tmp(USERS_FILE) }
  ]
  for (const task of tasks) rmSync(task.file, { force: true })

  const total = input.ids.length + input.gameUser.length
  let done = 0
  const onRows = (n: number) => onProgress('write', (done += n), total)
  onProgress('write', 0, total)
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), tasks.length))
  // Small layouts are quicker written here than worker threads are started.
  if (threads === 1 || (options.threads === undefined && total < 50_000)) {
    for (const task of tasks) {
      if (task.kind === 'users') writeUsersFile(task.file, prepared, onRows)
      else writeShardFile(task.file, task.shard, prepared, onRows)
    }
  } else {
    await runOnWorkers(tasks, prepared, threads, onRows)
  }

  // Swap in: remove what a forced rebuild replaces (with its WAL files), rename, manifest last.
  const previous = readManifest(out)
  rmSync(join(out, MANIFEST_FILE), { force: true })
  for (const name of previous ? [previous.users, ...previous.shards] : []) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(out, name + suffix), { force: true })
  }
  for (const name of [USERS_FILE, ...Array.from({ length: shardCount }, (_, i) => shardFileName(i))]) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(out, name + suffix), { force: true })
    renameSync(tmp(name), join(out, name))
  }
  writeManifest(out, manifestFor(shardCount))
  return { users: input.ids.length, games: input.gameUser.length }
}
