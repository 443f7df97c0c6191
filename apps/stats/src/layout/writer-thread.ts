import { parentPort, workerData } from 'node:worker_threads'
import type { RowCounts } from './manifest.js'
import { fillShardFile, fillUsersFile, type ShardData } from './fill-files.js'

// A layout writer thread (started by writers.ts): fills the files it is given, reports.

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

export interface UsersJob {
  file: string
  ids: Uint8Array
  order: Int32Array
  usernames: string[]
}

export type ToWriter = { users: UsersJob } | { shards: ShardJob }
export type WriterReport = { rows: number } | { users: RowCounts } | { shard: number; counts: RowCounts } | { failed: string }

/** Fills the job's shard files until none is left, in any thread (Atomics.add hands each task out once). */
export function takeShardTasks (job: ShardJob, onRows: (n: number) => void, onFile: (shard: number, counts: RowCounts) => void): void {
  for (let i = Atomics.add(job.next, 0, 1); i < job.tasks.length; i = Atomics.add(job.next, 0, 1)) {
    const task = job.tasks[i]!
    onFile(task.shard, fillShardFile(task.file, task.shard, job.data, task.names, onRows))
  }
}

/** What a writer thread is started with: this module is also loaded by the builder's own thread, which it leaves alone. */
export const WRITER_THREAD = 'layout-writer'

if (parentPort && workerData === WRITER_THREAD) {
  const port = parentPort
  const report = (r: WriterReport) => port.postMessage(r)
  const onRows = (rows: number) => report({ rows })
  // 'on', not 'once': the thread stays until the build closes it, so no exit can overtake its reports.
  port.on('message', (m: ToWriter) => {
    try {
      if ('users' in m) report({ users: fillUsersFile(m.users.file, m.users.ids, m.users.order, m.users.usernames, onRows) })
      else takeShardTasks(m.shards, onRows, (shard, counts) => report({ shard, counts }))
    } catch (err) {
      report({ failed: (err as Error).message })
    }
  })
}
