import type { PageKey } from '@platform/kit'
import { bytesToUuid, newUuid, uuidToBytes } from '@platform/ids'
import { sqliteStore, type Db } from '@platform/sqlite'

export interface Item {
  item_id: string
  title: string
  username: string
  created_at: string
}

interface ItemRow {
  seq: number
  item_id: Buffer
  title: string
  username: string
  created_at: number
}

const COLUMNS = 'seq, item_id, title, username, created_at'

// Rows become the API's objects here, at the store boundary.
const toItem = (row: ItemRow): Item => ({
  item_id: bytesToUuid(row.item_id),
  title: row.title,
  username: row.username,
  created_at: new Date(row.created_at).toISOString()
})

/** All SQL of the cinema-movies service: statements prepared once, one statement per write. */
export function createCinemaMoviesStore (db: Db, now: () => number = Date.now) {
  const insert = db.prepare<[Buffer, string, string, number], ItemRow>(
    `INSERT INTO items (item_id, title, username, created_at) VALUES (?, ?, ?, ?) RETURNING ${COLUMNS}`
  )
  const byId = db.prepare<[Buffer], ItemRow>(`SELECT ${COLUMNS} FROM items WHERE item_id = ?`)
  const remove = db.prepare<[Buffer], ItemRow>(`DELETE FROM items WHERE item_id = ? RETURNING ${COLUMNS}`)
  // (created_at, seq) < (?, ?) is a range on the index: a page costs `take` index steps however deep.
  const newest = db.prepare<[{ take: number }], ItemRow>(`SELECT ${COLUMNS} FROM items ORDER BY created_at DESC, seq DESC LIMIT @take`)
  const older = db.prepare<[{ take: number, at: number, seq: number }], ItemRow>(
    `SELECT ${COLUMNS} FROM items WHERE (created_at, seq) < (@at, @seq) ORDER BY created_at DESC, seq DESC LIMIT @take`
  )

  return {
    create (item: { title: string, username: string }): Item {
      return toItem(insert.get(newUuid().bytes, item.title, item.username, now())!)
    },

    get (itemId: string): Item | undefined {
      const row = byId.get(uuidToBytes(itemId))
      return row && toItem(row)
    },

    /** Deletes the item and returns what it was, or undefined when there was none. */
    delete (itemId: string): Item | undefined {
      const row = remove.get(uuidToBytes(itemId))
      return row && toItem(row)
    },

    /** The newest `limit` items older than `before`; `next` is the key of the last one when more remain. */
    list (limit: number, before?: PageKey): { items: Item[], next: PageKey | null } {
      // One row more than asked tells whether another page exists without a COUNT.
      const rows = before ? older.all({ take: limit + 1, ...before }) : newest.all({ take: limit + 1 })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return { items: page.map(toItem), next: rows.length > limit && last ? { at: last.created_at, seq: last.seq } : null }
    }
  }
}

export type CinemaMoviesStore = ReturnType<typeof createCinemaMoviesStore>

declare module 'fastify' {
  interface FastifyInstance {
    cinemaMovies: CinemaMoviesStore
  }
}

/** The cinema-movies database as a plugin: `app.cinemaMovies` is the store. */
export const cinemaMoviesStore = sqliteStore({
  name: 'cinema-movies-store',
  decorator: 'cinemaMovies',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createCinemaMoviesStore(db)
})
