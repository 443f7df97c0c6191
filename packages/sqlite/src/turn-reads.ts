import type { Db } from './open.js'

/**
 * Reads made on `db` in one turn of the event loop share one read transaction, ended in that
 * turn's check phase (setImmediate). Every read outside a transaction is a transaction of its
 * own, and on a WAL database opening and closing one costs two fcntl lock calls and a stat call
 * (strace): on a primary-key lookup, half of its time (a micro-benchmark: 15..20 us alone,
 * 8.5..10 us ten to a transaction, on this VM).
 *
 * Still exact for a request: requests are served from the poll phase, and a socket is read in a
 * turn only because epoll reported it readable before that turn's callbacks began, so the bytes
 * of every request served in the turn were sent before its first read. Anything that request
 * causally follows (a commit acknowledged to its client, by this instance or another) was
 * committed before that, so the turn's snapshot holds it. A commit during the turn is seen by
 * the next turn's requests, which is what a client sending then would see anyway.
 *
 * A write on the same connection must call `end()` first: inside the read transaction it would
 * become a savepoint, committed only in the check phase, after its answer (and refused with
 * SQLITE_BUSY_SNAPSHOT when another connection wrote in between).
 */
export function turnReads (db: Db) {
  const begin = db.prepare('BEGIN DEFERRED')
  const commit = db.prepare('COMMIT')
  let open = false

  function end (): void {
    if (!open) return
    open = false
    if (db.open && db.inTransaction) commit.run()
  }

  return {
    /** `read()` inside this turn's read transaction, opened by the turn's first read. */
    read<T> (read: () => T): T {
      if (!open && !db.inTransaction) {
        begin.run()
        open = true
        setImmediate(end)
      }
      return read()
    },
    /** Ends the turn's read transaction now (before a write on the same connection). */
    end
  }
}
