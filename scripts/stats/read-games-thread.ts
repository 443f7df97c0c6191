// A reader thread of stats:migrate (started by read-source.ts): reads one rowid range of the
// source's games into columns and sends them back, their buffers moved, not copied.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { readGamesPart, sourceUserIds, userIndex } from './read-games.js'

const { file, after, until } = workerData as { file: string; after: number; until: number }
const db = new Database(file, { readonly: true, fileMustExist: true })
try {
  const capacity = db.prepare('SELECT count(*) FROM games WHERE rowid > ? AND rowid <= ?').pluck().get(after, until) as number
  const part = readGamesPart(db, userIndex(sourceUserIds(db)), { after, until }, capacity)
  const buffers = [part.gameUser, part.gameId, part.gameDay, part.finishedOf, part.guesses, part.won, part.rowids].map((a) => a.buffer as ArrayBuffer)
  parentPort!.postMessage(part, buffers)
} finally {
  db.close()
}
