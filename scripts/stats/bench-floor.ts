import { mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { dayToDate, layoutFiles, SHARD_MIGRATIONS, USERS_MIGRATIONS, type LayoutInput } from '@platform/stats/layout'
import { migrate } from '@platform/sqlite'
import { BATCH } from '@platform/stats/layout'

/** Every table of every file of a built layout, as flat parameter arrays in key order. */
export interface LayoutRows {
  files: { name: string; migrations: string; tables: { table: string; columns: string[]; values: unknown[] }[] }[]
}

const TABLES: Record<string, string[]> = { users: ['users'], shard: ['games', 'user_stats', 'win_runs'] }

/** Reads a built layout back (not timed): the exact rows the floor writes again. */
export function readRows (dir: string): LayoutRows {
  const files = layoutFiles(dir)
  const read = (file: string, kind: 'users' | 'shard') => {
    const db = new Database(file, { readonly: true })
    const tables = TABLES[kind]!.map((table) => {
      const stmt = db.prepare(`SELECT * FROM ${table}`).raw()
      const columns = stmt.columns().map((c) => c.name)
      const values: unknown[] = []
      for (const row of stmt.iterate() as Iterable<unknown[]>) for (const v of row) values.push(v)
      return { table, columns, values }
    })
    db.close()
    return { name: file.slice(dir.length + 1), migrations: kind === 'users' ? USERS_MIGRATIONS : SHARD_MIGRATIONS, tables }
  }
  return { files: [read(files.users, 'users'), ...files.shards.map((f) => read(f, 'shard'))] }
}

/**
 * The floor: bare better-sqlite3 inserts of the same rows into the same files (same schema and
 * indexes), one transaction per file, journal and syncs off, prepared INSERTs of the rows per statement that
 * are fastest for each table (BATCH: 100 rows, or 1 where secondary indexes make multi-row
 * INSERTs slower). Nothing else: no generating, no aggregating, no row counts, no fsync.
 */
export function writeFloor (dir: string, rows: LayoutRows): void {
  mkdirSync(dir, { recursive: true })
  for (const file of rows.files) {
    const db = new Database(join(dir, file.name))
    db.pragma('journal_mode = OFF')
    db.pragma('synchronous = OFF')
    db.pragma('locking_mode = EXCLUSIVE')
    db.pragma('cache_size = -262144')
    migrate(db, file.migrations)
    db.transaction(() => {
      for (const { table, columns, values } of file.tables) {
        const batch = BATCH[table] ?? 100
        const one = `(${columns.map(() => '?').join(', ')})`
        const sql = (n: number) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(n).fill(one).join(', ')}`
        const full = db.prepare(sql(batch))
        const step = batch * columns.length
        let i = 0
        for (; i + step <= values.length; i += step) full.run(values.slice(i, i + step))
        if (i < values.length) db.prepare(sql((values.length - i) / columns.length)).run(values.slice(i))
      }
    })()
    db.close()
  }
}

/** A database in the course's schema holding `input` (not timed): what stats:migrate reads. */
export function writeCourseDb (file: string, input: LayoutInput): void {
  const db = new Database(file)
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.exec(`CREATE TABLE users (user_id INTEGER PRIMARY KEY, username VARCHAR UNIQUE);
           CREATE TABLE games (user_id INTEGER NOT NULL, game_id INTEGER NOT NULL, finished DATE DEFAULT CURRENT_TIMESTAMP,
                               guesses INTEGER, won BOOLEAN, PRIMARY KEY (user_id, game_id));`)
  const user = db.prepare('INSERT INTO users VALUES (?, ?)')
  const game = db.prepare('INSERT INTO games VALUES (?, ?, ?, ?, ?)')
  db.transaction(() => {
    input.usernames.forEach((name, u) => user.run(u + 1, name))
    for (let j = 0; j < input.gameUser.length; j++) {
      game.run(input.gameUser[j]! + 1, input.gameId[j]!, dayToDate(input.gameDay[j]!), input.guesses[j]!, input.won[j]!)
    }
  })()
  db.close()
}

export function folderBytes (dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0)
}
