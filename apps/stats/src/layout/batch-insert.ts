import type Database from 'better-sqlite3'

/**
 * Inserts rows `size` at a time through one multi-row INSERT: a statement call costs more than
 * the row it binds, so bulk loads go several times faster than row by row. Values go in one by
 * one (`put`, then `end` per row) into one preallocated array: no array per row to collect.
 */
export function batchInserter (db: Database.Database, table: string, columns: string[], size = 100) {
  const row = `(${columns.map(() => '?').join(', ')})`
  const sql = (n: number) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(n).fill(row).join(', ')}`
  const full = db.prepare(sql(size))
  const perBatch = size * columns.length
  const values: unknown[] = new Array(perBatch).fill(null)
  let n = 0
  return {
    put (value: unknown): void {
      values[n++] = value
    },
    /** Ends a row: the batch goes to SQLite when it is full. */
    end (): void {
      if (n === perBatch) {
        full.run(values)
        n = 0
      }
    },
    add (...row: unknown[]): void {
      for (const v of row) values[n++] = v
      this.end()
    },
    flush (): void {
      if (n > 0) db.prepare(sql(n / columns.length)).run(values.slice(0, n))
      n = 0
    }
  }
}
