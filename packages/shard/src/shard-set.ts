import { join } from 'node:path'
import { openDatabase, type Db } from '@platform/sqlite'
import { shardOf } from './shard-of.js'

/** The file name of shard `i` inside a layout folder. */
export function shardFileName(index: number): string {
  return `games-${index}.db`
}

export interface ShardSetOptions {
  dir: string
  count: number
  migrations?: string
  readonly?: boolean
}

/**
 * The shard databases of one layout, opened together. `forUser` routes a user's reads and
 * writes; `all` is for fan-out reads (leaderboards) and checks.
 */
export class ShardSet<S = Db> {
  readonly dbs: Db[]
  readonly stores: S[]

  constructor(options: ShardSetOptions, createStore: (db: Db, index: number) => S = (db) => db as unknown as S) {
    this.dbs = []
    for (let i = 0; i < options.count; i++) {
      this.dbs.push(
        openDatabase(join(options.dir, shardFileName(i)), { migrations: options.migrations, readonly: options.readonly })
      )
    }
    this.stores = this.dbs.map((db, i) => createStore(db, i))
  }

  get count(): number {
    return this.dbs.length
  }

  indexOf(userId: Uint8Array | string): number {
    return shardOf(userId, this.dbs.length)
  }

  forUser(userId: Uint8Array | string): S {
    return this.stores[this.indexOf(userId)]!
  }

  close(): void {
    for (const db of this.dbs) if (db.open) db.close()
  }
}
