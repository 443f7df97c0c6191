import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from './migrate.js'

export type Db = Database.Database

export interface OpenOptions {
  /** Folder of NNN-name.sql files applied in order; omitted: no migrations. */
  migrations?: string
  readonly?: boolean
  /** How long a writer waits for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number
}

/**
 * Opens a database the way every service wants it: WAL (readers never block the writer,
 * several processes share the file), foreign keys on, a busy timeout for the other
 * instances' writes, synchronous=NORMAL (durable at checkpoints, safe with WAL).
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false })
  db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`)
  if (!options.readonly) {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
  }
  db.pragma('foreign_keys = ON')
  if (options.migrations && !options.readonly) migrate(db, options.migrations)
  return db
}

/** True for a UNIQUE or PRIMARY KEY violation: the caller's 409. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}
