import type Database from 'better-sqlite3'
import { migrate } from '@platform/sqlite'
import { batchInserter } from './batch-insert.js'
import { finishBulk, openForBulk } from './bulk-file.js'
import { USERS_MIGRATIONS, SHARD_MIGRATIONS, type RowCounts } from './manifest.js'
import { BATCH, idOf } from './shard-file.js'

/** A new database file with its schema, open for a bulk load. */
export function createForBulk (file: string, kind: 'users' | 'shard'): Database.Database {
  const db = openForBulk(file)
  migrate(db, kind === 'users' ? USERS_MIGRATIONS : SHARD_MIGRATIONS)
  return db
}

const TABLES = { users: ['users'], shard: ['games', 'user_stats'] }

/** An empty users file or shard, as a new instance creates it. */
export function writeEmptyFile (file: string, kind: 'users' | 'shard'): RowCounts {
  return finishBulk(createForBulk(file, kind), file, TABLES[kind])
}

/** The users file: user order[k]'s id is ids[16u .. 16u+16), its name usernames[u]. */
export function writeUsersFile (file: string, ids: Uint8Array, order: Int32Array, usernames: string[], onRows: (n: number) => void): RowCounts {
  const db = createForBulk(file, 'users')
  const users = batchInserter(db, 'users', ['user_id', 'username'], BATCH.users)
  db.transaction(() => {
    for (let k = 0; k < order.length; k++) {
      const u = order[k]!
      users.put(idOf(ids, u))
      users.put(usernames[u])
      users.end()
      if ((k & 0x3fff) === 0x3fff) onRows(0x4000)
    }
    users.flush()
  })()
  onRows(order.length & 0x3fff)
  return finishBulk(db, file, TABLES.users)
}
