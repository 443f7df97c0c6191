import { openDatabase, type Db, type OpenOptions } from '@platform/sqlite'
import { shardOf } from './shard-of.js'

export interface ShardSetOptions extends OpenOptions {
  /** The database file of shard `index`: the caller's naming, not this package's. */
  files: string[]
}

/**
 * The shard databases of one layout, opened together. `forUser` routes a user's reads and
 * writes; `stores` is for fan-out reads (leaderboards) and checks.
 */
export class ShardSet<S = Db> {
  readonly dbs: Db[]
  readonly stores: S[]

  constructor (options: ShardSetOptions, createStore: (db: Db, index: number) => S = (db) => db as unknown as S) {
    const { files, ...open } = options
    this.dbs = []
    try {
      for (const file of files) this.dbs.push(openDatabase(file, open))
    } catch (err) {
      this.close()
      throw err
    }
    this.stores = this.dbs.map((db, i) => createStore(db, i))
  }

  get count (): number {
    return this.dbs.length
  }

  indexOf (userId: Uint8Array | string): number {
    return shardOf(userId, this.dbs.length)
  }

  forUser (userId: Uint8Array | string): S {
    return this.stores[this.indexOf(userId)]!
  }

  close (): void {
    for (const db of this.dbs) if (db.open) db.close()
  }
}
