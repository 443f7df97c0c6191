import type Database from 'better-sqlite3'
import { migrate } from '@platform/sqlite'
import { finishBulk, openForBulk } from './bulk-file.js'
import { USERS_MIGRATIONS, SHARD_MIGRATIONS, type RowCounts } from './manifest.js'

/** A new database file with its schema, open for a bulk load. */
export function createForBulk (file: string, kind: 'users' | 'shard'): Database.Database {
  const db = openForBulk(file)
  migrate(db, kind === 'users' ? USERS_MIGRATIONS : SHARD_MIGRATIONS)
  return db
}

/** An empty users file or shard, as a new instance creates it. */
export function writeEmptyFile (file: string, kind: 'users' | 'shard'): RowCounts {
  return finishBulk(createForBulk(file, kind), file, kind === 'users' ? ['users'] : ['games', 'user_stats'])
}
