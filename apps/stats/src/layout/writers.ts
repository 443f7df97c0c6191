import { availableParallelism } from 'node:os'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { RowCounts } from './manifest.js'
import type { ShardData } from './shard-file.js'
import { takeShardTasks, WRITER_THREAD, type ShardJob, type ShardTask, type WriterReport } from './writer-thread.js'

/**
 * The writer thread's module, next to this one with this one's extension. Run from TypeScript
 * (tsx, tap), a worker does not inherit the loader on Node 20, so it registers tsx itself first.
 */
function writerScript (): URL {
  const ext = extname(fileURLToPath(import.meta.url))
  const entry = new URL(`./writer-thread${ext}`, import.meta.url)
  if (ext !== '.ts') return entry
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'))
  return new URL('data:text/javascript,' + encodeURIComponent(`import { register } from ${tsx}; register(); await import(${JSON.stringify(entry.href)})`))
}

/**
 * Threads besides the calling one: one per core, no more than there are shards. With the
 * calling thread that is one thread more than cores, so three shards and the users file on two
 * cores are written side by side rather than one thread writing a second shard after the others
 * are done. Each thread costs its start-up (a fresh V8 isolate and, under tsx, its loader: 0.1 to
 * 0.3 s of CPU), so more threads only cost CPU.
 */
export function writerCount (shardCount: number): number {
  return Math.max(1, Math.min(shardCount, availableParallelism()))
}

/**
 * Threads that write shard files while the calling thread writes the users file, so SQLite's
 * inserts into different files run on every core. They can be started before the data exists
 * (populate starts them before generating): their start-up then overlaps the generation.
 */
export interface LayoutWriters {
  /**
   * Writes the tasks' files: the threads take them one by one, and so does this thread once it
   * calls `here()` (after its own file). Resolves with each shard's row counts.
   */
  write(data: ShardData, tasks: ShardTask[], onRows: (n: number) => void): { here(): void; done: Promise<RowCounts[]> }
  close(): Promise<void>
}

export function startLayoutWriters (count: number): LayoutWriters {
  const script = writerScript()
  const workers = Array.from({ length: count }, () => new Worker(script, { workerData: WRITER_THREAD }))
  let closed: Promise<void> | undefined
  const close = () => (closed ??= Promise.all(workers.map((w) => w.terminate())).then(() => {}))
  return {
    close,
    write (data, tasks, onRows) {
      const job: ShardJob = { data, tasks, next: new Int32Array(new SharedArrayBuffer(4)) }
      const counts: RowCounts[] = []
      let left = tasks.length
      let finish!: (counts: RowCounts[]) => void
      let fail!: (err: Error) => void
      const done = new Promise<RowCounts[]>((resolve, reject) => {
        finish = resolve
        // On any failure every thread is stopped before the caller hears of it (it then removes the files).
        fail = (err) => { void close().then(() => reject(err)) }
      })
      const onFile = (shard: number, rows: RowCounts) => {
        counts[shard] = rows
        if (--left === 0) finish(counts)
      }
      if (left === 0) finish(counts)
      for (const worker of workers) {
        worker.on('message', (r: WriterReport) => {
          if ('rows' in r) onRows(r.rows)
          else if ('failed' in r) fail(new Error(r.failed))
          else onFile(r.shard, r.counts)
        })
        worker.on('error', fail)
        worker.on('exit', (code) => { if (left > 0) fail(new Error(`layout writer thread exited (${code}) before the shard files were written`)) })
        worker.postMessage(job)
      }
      return { here: () => takeShardTasks(job, onRows, onFile), done }
    }
  }
}
