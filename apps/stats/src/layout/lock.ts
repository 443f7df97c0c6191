import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { retryWhileBusy } from '@platform/sqlite'

export const LOCK_FILE = 'layout.lock'

/** A build refused because running stats instances use the folder. */
export class LayoutInUse extends Error {}

export interface LayoutLock {
  release(): void
}

/**
 * layout.lock is an empty SQLite file used only for its locks (POSIX record locks, which the
 * kernel drops when a process dies, kill -9 included: no stale PIDs to clean up). Every running
 * instance holds a shared lock for its whole life; a build holds the exclusive lock from its
 * first check to the removal of the old files. So a build is refused while any instance runs,
 * and an instance waits at start while a build runs. It works for every process that sees the
 * same files through one kernel (one host, or containers sharing a volume), not over NFS.
 */
function openLock (dir: string): Database.Database {
  mkdirSync(dir, { recursive: true })
  const db = new Database(join(dir, LOCK_FILE))
  db.pragma('busy_timeout = 0')
  return db
}

/** The instance side: waits up to `waitMs` while a build holds the folder. */
export function holdShared (dir: string, waitMs: number): LayoutLock {
  const db = openLock(dir)
  try {
    retryWhileBusy(() => {
      db.exec('BEGIN')
      try {
        db.prepare('SELECT count(*) FROM sqlite_master').get()
      } catch (err) {
        db.exec('ROLLBACK')
        throw err
      }
    }, waitMs)
  } catch (err) {
    db.close()
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new LayoutInUse(`${dir}: a layout build (stats:populate / stats:migrate) holds ${LOCK_FILE}; start again when it is done`)
    }
    throw err
  }
  return { release: () => db.open && db.close() }
}

/** The build side: at once or not at all. */
export function holdExclusive (dir: string): LayoutLock {
  const db = openLock(dir)
  try {
    db.exec('BEGIN EXCLUSIVE')
  } catch (err) {
    db.close()
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new LayoutInUse(
        `${dir} is in use: running stats instances (or another build) hold ${LOCK_FILE}; stop them first, then build again`
      )
    }
    throw err
  }
  return { release: () => db.open && db.close() }
}
