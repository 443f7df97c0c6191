import { parentPort, workerData } from 'node:worker_threads'
import { writeShardFile, writeUsersFile, type Prepared } from './write-files.js'

// One of buildLayout's writers: takes file tasks until told to stop, reporting rows written.
export type Task = { kind: 'users'; file: string } | { kind: 'shard'; shard: number; file: string }
export type FromWorker = { rows: number } | { done: string } | { failed: string }

const prepared = workerData as Prepared
const port = parentPort!
const onRows = (rows: number) => port.postMessage({ rows } satisfies FromWorker)

port.on('message', (task: Task | null) => {
  if (task === null) return port.close()
  try {
    if (task.kind === 'users') writeUsersFile(task.file, prepared, onRows)
    else writeShardFile(task.file, task.shard, prepared, onRows)
    port.postMessage({ done: task.file } satisfies FromWorker)
  } catch (err) {
    port.postMessage({ failed: (err as Error).stack ?? String(err) } satisfies FromWorker)
  }
})
