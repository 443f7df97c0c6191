import Database from 'better-sqlite3'
import { fsyncFile } from './durable.js'
import type { RowCounts } from './manifest.js'

// Imports nothing heavier than better-sqlite3: the layout writer threads load this module, and
// each module they load costs every thread its start-up time.

/**
 * Fast and unsafe while building: no journal, no syncs. Safe all the same, because the file has
 * a new name nobody reads until the manifest names it, and it is synced before that.
 */
export function openForBulk (file: string): Database.Database {
  const db = new Database(file)
  db.pragma('busy_timeout = 0')
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('locking_mode = EXCLUSIVE')
  db.pragma('cache_size = -262144')
  return db
}

/** Switches the file to WAL like every database, counts what was written, and syncs it to disk. */
export function finishBulk (db: Database.Database, file: string, tables: string[]): RowCounts {
  const rows: RowCounts = {}
  for (const table of tables) rows[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  db.pragma('journal_mode = WAL')
  db.close()
  fsyncFile(file)
  return rows
}
