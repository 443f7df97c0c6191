import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from './migrate.js'

export type Db = Database.Database

export interface OpenOptions {
  /** Folder of NNN-name.sql files applied in order; omitted: no migrations. */
  migrations?: string
  readonly?: boolean
  /** Refuse a missing file instead of creating it empty (a file a manifest names must be there). */
  mustExist?: boolean
  /** How long a writer waits for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number
}

/**
 * Opens a database the way every service wants it: WAL (readers never block the writer,
 * several processes share the file), foreign keys on, a busy timeout for the other
 * instances' writes, synchronous=NORMAL (durable at checkpoints, safe with WAL).
 */
export function openDatabase (file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: (options.readonly ?? false) || (options.mustExist ?? false) })
  const busyTimeoutMs = Math.trunc(options.busyTimeoutMs ?? 5000)
  db.pragma(`busy_timeout = ${busyTimeoutMs}`)
  if (!options.readonly) {
    // WAL is a property of the file: set once, every later opener sees it. Several instances
    // starting on a new file race for the lock this needs, and SQLite may refuse at once
    // instead of calling the busy handler, so the loser waits and tries again.
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') retryWhileBusy(() => db.pragma('journal_mode = WAL'), busyTimeoutMs)
    db.pragma('synchronous = NORMAL')
  }
  db.pragma('foreign_keys = ON')
  const migrations = options.migrations
  if (migrations && !options.readonly) retryWhileBusy(() => migrate(db, migrations), busyTimeoutMs)
  return db
}

const isBusy = (err: unknown) => {
  const code = (err as { code?: string } | null)?.code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
}

/** Runs `fn`, again after a short sleep while another connection holds the lock, up to `timeoutMs`. */
export function retryWhileBusy<T> (fn: () => T, timeoutMs: number): T {
  const deadline = Date.now() + timeoutMs
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      return fn()
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait)
    }
  }
}

/** True for a UNIQUE or PRIMARY KEY violation: the caller's 409. */
export function isUniqueViolation (err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}
