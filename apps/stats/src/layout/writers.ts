import { availableParallelism } from 'node:os'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { RowCounts } from './manifest.js'
import type { ShardData } from './fill-files.js'
import { takeShardTasks, WRITER_THREAD, type ShardJob, type ShardTask, type ToWriter, type UsersJob, type WriterReport } from './writer-thread.js'

/**
 * A writer thread, running the module next to this one with this one's extension. Run from
 * TypeScript (tsx, tap), a worker does not inherit the loader on Node 20, so it registers tsx
 * itself: its require hook, which works in the thread, where its ESM loader would start one more
 * hooks thread per worker (measured: a thread's start-up took 0.14 s of CPU this way, 0.29 s that way).
 */
function startWriter (): Worker {
  const ext = extname(fileURLToPath(import.meta.url))
  const entry = new URL(`./writer-thread${ext}`, import.meta.url)
  const options = { workerData: WRITER_THREAD }
  if (ext !== '.ts') return new Worker(entry, options)
  const tsx = JSON.stringify(fileURLToPath(import.meta.resolve('tsx/cjs/api')))
  return new Worker(`require(${tsx}).register(); require(${JSON.stringify(fileURLToPath(entry))})`, { ...options, eval: true })
}

/**
 * Threads besides the calling one: one per core, no more than there are shards. With the
 * calling thread that is one thread more than cores, so three shards and the users file on two
 * cores are written side by side rather than one thread writing a second shard after the others
 * are done. Each thread costs its start-up (a fresh V8 isolate and, under tsx, its loader: about
 * 0.14 s of CPU), so more threads only cost CPU.
 */
export function writerCount (shardCount: number): number {
  return Math.max(1, Math.min(shardCount, availableParallelism()))
}

/**
 * Threads that fill the layout's files while the calling thread makes the data and fills files
 * too, so SQLite's inserts into different files run on every core. They can be started before
 * the data exists (populate starts them before generating): their start-up then overlaps it.
 */
export interface LayoutWriters {
  /** Fills the users file (with its schema already) on the first thread. */
  writeUsers(job: UsersJob, onRows: (n: number) => void): Promise<RowCounts>
  /**
   * Fills the tasks' shard files: the threads take them one by one, and so does this thread once
   * it calls `here()`. Resolves with each shard's row counts.
   */
  write(data: ShardData, tasks: ShardTask[], onRows: (n: number) => void): { here(): void; done: Promise<RowCounts[]> }
  close(): Promise<void>
}

export function startLayoutWriters (count: number): LayoutWriters {
  const workers = Array.from({ length: count }, startWriter)
  let closed: Promise<void> | undefined
  const close = () => (closed ??= Promise.all(workers.map((w) => w.terminate())).then(() => {}))
  // What the threads' reports go to: the build's progress, and the promises it waits on.
  let onRows: (n: number) => void = () => {}
  let onUsers: (counts: RowCounts) => void = () => {}
  let onShard: (shard: number, counts: RowCounts) => void = () => {}
  let failure: Error | undefined
  const waiting = new Set<(err: Error) => void>()
  // On any failure every thread is stopped before the build hears of it (it then removes the files).
  const fail = (err: Error) => {
    if (failure) return
    failure = err
    void close().then(() => { for (const reject of waiting) reject(err) })
  }
  const expect = <T>(listen: (resolve: (value: T) => void) => void) => new Promise<T>((resolve, reject) => {
    if (failure || closed) return reject(failure ?? new Error('the layout writer threads are closed: one set serves one build'))
    waiting.add(reject)
    listen((value) => {
      waiting.delete(reject)
      resolve(value)
    })
  })
  for (const worker of workers) {
    worker.on('message', (r: WriterReport) => {
      if ('rows' in r) onRows(r.rows)
      else if ('failed' in r) fail(new Error(r.failed))
      else if ('users' in r) onUsers(r.users)
      else onShard(r.shard, r.counts)
    })
    worker.on('error', fail)
    worker.on('exit', (code) => { if (!closed) fail(new Error(`layout writer thread exited (${code}) before the layout was written`)) })
  }
  const post = (worker: Worker, message: ToWriter) => worker.postMessage(message)
  return {
    close,
    writeUsers (job, rows) {
      onRows = rows
      const done = expect<RowCounts>((resolve) => { onUsers = resolve })
      post(workers[0]!, { users: job })
      return done
    },
    write (data, tasks, rows) {
      onRows = rows
      const job: ShardJob = { data, tasks, next: new Int32Array(new SharedArrayBuffer(4)) }
      const counts: RowCounts[] = []
      let left = tasks.length
      const done = expect<RowCounts[]>((resolve) => {
        onShard = (shard, rowCounts) => {
          counts[shard] = rowCounts
          if (--left === 0) resolve(counts)
        }
        if (left === 0) resolve(counts)
      })
      for (const worker of workers) post(worker, { shards: job })
      return { here: () => takeShardTasks(job, rows, (shard, rowCounts) => onShard(shard, rowCounts)), done }
    }
  }
}
