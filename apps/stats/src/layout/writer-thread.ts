import { parentPort, workerData } from 'node:worker_threads'
import type { RowCounts } from './manifest.js'
import { writeShardFile, type ShardData } from './shard-file.js'

// A layout writer thread (started by writers.ts): takes shard files to write, reports.

export interface ShardTask {
  file: string
  shard: number
  /** The usernames of the shard's users, in key order. */
  names: string[]
}

/** The shard files of a build, taken one at a time by whichever thread is free: next[0] is the next task. */
export interface ShardJob {
  data: ShardData
  tasks: ShardTask[]
  next: Int32Array
}

export type WriterReport = { rows: number } | { shard: number; counts: RowCounts } | { failed: string }

/** Writes the job's files until none is left, in any thread (Atomics.add hands each task out once). */
export function takeShardTasks (job: ShardJob, onRows: (n: number) => void, onFile: (shard: number, counts: RowCounts) => void): void {
  for (let i = Atomics.add(job.next, 0, 1); i < job.tasks.length; i = Atomics.add(job.next, 0, 1)) {
    const task = job.tasks[i]!
    onFile(task.shard, writeShardFile(task.file, task.shard, job.data, task.names, onRows))
  }
}

/** What a writer thread is started with: this module is also loaded by the builder's own thread, which it leaves alone. */
export const WRITER_THREAD = 'layout-writer'

if (parentPort && workerData === WRITER_THREAD) {
  const port = parentPort
  const report = (r: WriterReport) => port.postMessage(r)
  // 'on', not 'once': the thread stays until the build closes it, so no exit can overtake its reports.
  port.on('message', (job: ShardJob) => {
    try {
      takeShardTasks(job, (rows) => report({ rows }), (shard, counts) => report({ shard, counts }))
    } catch (err) {
      report({ failed: (err as Error).message })
    }
  })
}
