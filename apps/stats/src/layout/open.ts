import { join } from 'node:path'
import { ShardSet } from '@platform/shard'
import { openDatabase, type Db } from '@platform/sqlite'
import { createGamesStore, type GamesStore } from '../games-store.js'
import { createUsersStore, type UsersStore } from '../users-store.js'
import { manifestFor, readManifest, shardFileName, writeManifest, USERS_FILE, USERS_MIGRATIONS, SHARD_MIGRATIONS } from './manifest.js'

export interface Layout {
  dir: string
  usersDb: Db
  users: UsersStore
  shards: ShardSet<GamesStore>
  close(): void
}

/**
 * Opens the users database and the games shards of a layout folder. An empty folder becomes
 * an empty layout; an existing one must have the shard count the caller expects, since
 * reading it with another count would look for every user in the wrong shard.
 */
export function openLayout (dir: string, shardCount: number): Layout {
  const manifest = readManifest(dir)
  if (manifest && manifest.shard_count !== shardCount) {
    throw new Error(
      `${dir} holds a ${manifest.shard_count}-shard layout but SHARD_COUNT is ${shardCount}: ` +
        'set SHARD_COUNT to match, or re-shard with `pnpm stats:migrate`'
    )
  }
  const usersDb = openDatabase(join(dir, USERS_FILE), { migrations: USERS_MIGRATIONS })
  const files = Array.from({ length: shardCount }, (_, i) => join(dir, shardFileName(i)))
  const shards = new ShardSet({ files, migrations: SHARD_MIGRATIONS }, (db) => createGamesStore(db))
  if (!manifest) writeManifest(dir, manifestFor(shardCount))
  return {
    dir,
    usersDb,
    users: createUsersStore(usersDb),
    shards,
    close () {
      shards.close()
      if (usersDb.open) usersDb.close()
    }
  }
}
