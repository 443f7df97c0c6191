import { isUniqueViolation, sqliteStore, type Db } from '@platform/sqlite'

export interface User {
  username: string
  name: string
  created_at: string
}

interface UserRow {
  username: string
  name: string
  created_at: number
}

const COLUMNS = 'username, name, created_at'
const toUser = (row: UserRow): User => ({ username: row.username, name: row.name, created_at: new Date(row.created_at).toISOString() })

/** All SQL of the cinema users service: statements prepared once, one statement per write. */
export function createUsersStore (db: Db, now: () => number = Date.now) {
  const insert = db.prepare<[string, string, number], UserRow>(`INSERT INTO users (username, name, created_at) VALUES (?, ?, ?) RETURNING ${COLUMNS}`)
  // Exact lookup; the index is case-insensitive, so it narrows to one row and the comparison picks it.
  const byName = db.prepare<[{ name: string }], UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = @name AND username = @name COLLATE BINARY`)
  // The unique index on username (NOCASE) is the order: a page is a range of it.
  const first = db.prepare<[{ take: number }], UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY username LIMIT @take`)
  const later = db.prepare<[{ take: number, after: string }], UserRow>(`SELECT ${COLUMNS} FROM users WHERE username > @after ORDER BY username LIMIT @take`)

  return {
    /** The new user, or undefined when the name (ignoring case) is taken. */
    create (user: { username: string, name: string }): User | undefined {
      try {
        return toUser(insert.get(user.username, user.name, now())!)
      } catch (err) {
        if (isUniqueViolation(err)) return undefined
        throw err
      }
    },

    get (username: string): User | undefined {
      const row = byName.get({ name: username })
      return row && toUser(row)
    },

    /** Users in alphabetical order (ignoring case) after `after`; `next` is the last name of the page when more remain. */
    list (limit: number, after?: string): { users: User[], next: string | null } {
      const rows = after === undefined ? first.all({ take: limit + 1 }) : later.all({ take: limit + 1, after })
      const page = rows.slice(0, limit)
      return { users: page.map(toUser), next: rows.length > limit ? page.at(-1)!.username : null }
    }
  }
}

export type UsersStore = ReturnType<typeof createUsersStore>

declare module 'fastify' {
  interface FastifyInstance {
    cinemaUsers: UsersStore
  }
}

/** The cinema users database as a plugin: `app.cinemaUsers` is the store. */
export const usersStore = sqliteStore({
  name: 'cinema-users-store',
  decorator: 'cinemaUsers',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createUsersStore(db)
})
