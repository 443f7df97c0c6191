import { isUniqueViolation, sqliteStore, type Db } from '@platform/sqlite'
import { EmailTaken, UserInactive, UsernameTaken, UserNotFound } from './errors.js'

export interface User {
  username: string
  email: string
  karma: number
  active: boolean
  created_at: string
}

export interface Karma {
  username: string
  karma: number
}

interface UserRow {
  username: string
  email: string
  karma: number
  active: number
  created_at: string
}

const toUser = (row: UserRow): User => ({
  username: row.username,
  email: row.email,
  karma: row.karma,
  active: row.active === 1,
  created_at: row.created_at
})

const COLUMNS = 'username, email, karma, active, created_at'

/** All SQL of the users service. Every write is one statement, so none can be half done. */
export function createUsersStore (db: Db) {
  const insert = db.prepare<[string, string, string], UserRow>(
    `INSERT INTO users (username, email, created_at) VALUES (?, ?, ?) RETURNING ${COLUMNS}`
  )
  const byName = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = ?`)
  const nameTaken = db.prepare<[string], { username: string }>(
    'SELECT username FROM users WHERE username = ? COLLATE NOCASE'
  )
  const setEmail = db.prepare<[string, string], UserRow>(
    `UPDATE users SET email = ? WHERE username = ? AND active = 1 RETURNING ${COLUMNS}`
  )
  // The arithmetic happens inside SQLite in one statement: concurrent increments from any
  // number of requests or processes serialise on the write lock and none is lost.
  const addKarma = db.prepare<[number, string], Karma>(
    'UPDATE users SET karma = karma + ? WHERE username = ? AND active = 1 RETURNING username, karma'
  )
  const deactivate = db.prepare<[string], UserRow>(
    `UPDATE users SET active = 0 WHERE username = ? RETURNING ${COLUMNS}`
  )

  /** Why an update matched no active row: the user is missing (404) or deactivated (409). */
  function explainMiss (username: string): never {
    if (byName.get(username)) throw new UserInactive(username)
    throw new UserNotFound(username)
  }

  /** Which unique index refused the insert/update: the name or the email. */
  function explainConflict (err: unknown, username: string, email: string): never {
    if (!isUniqueViolation(err)) throw err
    // SQLite names the column whose unique index refused the row.
    if ((err as Error).message.includes('users.email')) throw new EmailTaken(email)
    throw new UsernameTaken(username)
  }

  return {
    create (username: string, email: string): User {
      try {
        return toUser(insert.get(username, email, new Date().toISOString())!)
      } catch (err) {
        // Both the name and the email may be taken; SQLite reports whichever index it checked
        // first, but the name is what the client most needs to hear about.
        if (isUniqueViolation(err) && nameTaken.get(username)) throw new UsernameTaken(username)
        return explainConflict(err, username, email)
      }
    },

    get (username: string): User {
      const row = byName.get(username)
      if (!row) throw new UserNotFound(username)
      return toUser(row)
    },

    updateEmail (username: string, email: string): User {
      let row: UserRow | undefined
      try {
        row = setEmail.get(email, username)
      } catch (err) {
        return explainConflict(err, username, email)
      }
      return row ? toUser(row) : explainMiss(username)
    },

    changeKarma (username: string, delta: 1 | -1): Karma {
      return addKarma.get(delta, username) ?? explainMiss(username)
    },

    /** Idempotent: deactivating a deactivated account answers the account as it is. */
    deactivate (username: string): User {
      const row = deactivate.get(username)
      if (!row) throw new UserNotFound(username)
      return toUser(row)
    }
  }
}

export type UsersStore = ReturnType<typeof createUsersStore>

declare module 'fastify' {
  interface FastifyInstance {
    users: UsersStore
  }
}

/** The users database as a plugin: `app.users` is the store. */
export const usersStore = sqliteStore({
  name: 'users-store',
  decorator: 'users',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createUsersStore(db)
})
