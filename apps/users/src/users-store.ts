import { isUniqueViolation, sqliteStore, type Db } from '@platform/sqlite'
import { createOutbox, USER_CREATED, type UserCreated } from '@platform/queue'
import { EmailNotFound, EmailTaken, UserInactive, UsernameTaken, UserNotFound } from './errors.js'

export interface User {
  username: string
  email: string
  secondary_emails: string[]
  karma: number
  active: boolean
  created_at: string
}

export interface Karma {
  username: string
  karma: number
}

/** What signing in needs to know of an account: its exact name, its hash, whether it is active. */
export interface Credentials {
  username: string
  passwordHash: string | null
  active: boolean
}

interface UserRow {
  username: string
  email: string
  karma: number
  active: number
  created_at: string
}

const COLUMNS = 'username, email, karma, active, created_at'

/**
 * All SQL of the users service. A write spanning several statements runs in one transaction; an
 * account's creation also writes its users.created event to the outbox (to the exchange
 * `eventsExchange`), in the same transaction.
 */
export function createUsersStore (db: Db, eventsExchange?: string) {
  const outbox = createOutbox(db)
  const insert = db.prepare<[string, string, string, string], UserRow>(
    `INSERT INTO users (username, email, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING ${COLUMNS}`
  )
  const byName = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = ?`)
  const nameTaken = db.prepare<[string], { username: string }>('SELECT username FROM users WHERE username = ? COLLATE NOCASE')
  const credentialsOf = db.prepare<[string], { username: string, password_hash: string | null, active: number }>(
    'SELECT username, password_hash, active FROM users WHERE username = ? COLLATE NOCASE'
  )
  const secondaryOf = db.prepare<[string], { email: string }>('SELECT email FROM user_emails WHERE username = ? ORDER BY email')
  // Who holds an address, as primary or as secondary (both compare ignoring case).
  const holderOf = db.prepare<[string, string], { username: string }>(
    'SELECT username FROM users WHERE email = ? COLLATE NOCASE UNION ALL SELECT username FROM user_emails WHERE email = ?'
  )
  const setEmail = db.prepare<[string, string], UserRow>(`UPDATE users SET email = ? WHERE username = ? AND active = 1 RETURNING ${COLUMNS}`)
  const addSecondary = db.prepare<[string, string]>('INSERT INTO user_emails (email, username) VALUES (?, ?)')
  const removeSecondary = db.prepare<[string, string]>('DELETE FROM user_emails WHERE email = ? AND username = ?')
  // The arithmetic happens inside SQLite in one statement: concurrent increments from any
  // number of requests or processes serialise on the write lock and none is lost.
  const addKarma = db.prepare<[number, string], Karma>('UPDATE users SET karma = karma + ? WHERE username = ? AND active = 1 RETURNING username, karma')
  const deactivate = db.prepare<[string], UserRow>(`UPDATE users SET active = 0 WHERE username = ? RETURNING ${COLUMNS}`)
  const failuresSince = db.prepare<[string, number], { n: number, oldest: number | null }>(
    'SELECT count(*) AS n, min(at) AS oldest FROM failed_signins WHERE username = ? AND at > ?'
  )
  const recordFailure = db.prepare<[string, number]>('INSERT INTO failed_signins (username, at) VALUES (?, ?)')
  const forgetFailures = db.prepare<[number]>('DELETE FROM failed_signins WHERE at <= ?')
  const clearFailures = db.prepare<[string]>('DELETE FROM failed_signins WHERE username = ?')

  const toUser = (row: UserRow): User => ({
    username: row.username,
    email: row.email,
    secondary_emails: secondaryOf.all(row.username).map((r) => r.email),
    karma: row.karma,
    active: row.active === 1,
    created_at: row.created_at
  })

  /** Why an update matched no active row: the user is missing (404) or deactivated (409). */
  function explainMiss (username: string): never {
    if (byName.get(username)) throw new UserInactive(username)
    throw new UserNotFound(username)
  }

  /** The address must be free, or this account's own secondary (when it becomes the primary). */
  function claim (email: string, username: string, ownSecondaryAllowed: boolean): void {
    const holders = holderOf.all(email, email).map((h) => h.username)
    if (holders.some((h) => h !== username)) throw new EmailTaken(email)
    if (holders.length > 0 && !ownSecondaryAllowed) throw new EmailTaken(email)
  }

  const create = db.transaction((username: string, email: string, passwordHash: string): User => {
    if (nameTaken.get(username)) throw new UsernameTaken(username)
    claim(email, username, false)
    try {
      const row = insert.get(username, email, passwordHash, new Date().toISOString())!
      // The account and its event, or neither. Mandatory: an event no queue takes yet (the mailer
      // has never run) stays in the outbox rather than being dropped by the broker.
      if (eventsExchange !== undefined) {
        const event: UserCreated = { username: row.username, email: row.email, created_at: row.created_at }
        outbox.add({ messageId: `users.created.${row.username}`, exchange: eventsExchange, routingKey: USER_CREATED, body: event, type: USER_CREATED, mandatory: true })
      }
      return toUser(row)
    } catch (err) {
      if (isUniqueViolation(err)) throw new UsernameTaken(username)
      throw err
    }
  })

  const updateEmail = db.transaction((username: string, email: string): User => {
    claim(email, username, true)
    removeSecondary.run(email, username)
    return toUser(setEmail.get(email, username) ?? explainMiss(username))
  })

  const addEmail = db.transaction((username: string, email: string): User => {
    const row = byName.get(username)
    if (!row) throw new UserNotFound(username)
    if (row.active !== 1) throw new UserInactive(username)
    claim(email, username, false)
    addSecondary.run(email, username)
    return toUser(row)
  })

  return {
    outbox,

    /** Throws the 409 an account with this name or email would get: checked before the costly hash. */
    assertFree (username: string, email: string): void {
      if (nameTaken.get(username)) throw new UsernameTaken(username)
      claim(email, username, false)
    },

    /** A new active account; 409 when the name (in any case) or the email (anywhere) is taken. */
    create: (username: string, email: string, passwordHash: string): User => create.immediate(username, email, passwordHash),

    get (username: string): User {
      const row = byName.get(username)
      if (!row) throw new UserNotFound(username)
      return toUser(row)
    },

    /** The account a sign-in names, whatever the letter case it was typed in. */
    credentials (username: string): Credentials | undefined {
      const row = credentialsOf.get(username)
      return row && { username: row.username, passwordHash: row.password_hash, active: row.active === 1 }
    },

    updateEmail: (username: string, email: string): User => updateEmail.immediate(username, email),
    addEmail: (username: string, email: string): User => addEmail.immediate(username, email),

    removeEmail (username: string, email: string): User {
      if (removeSecondary.run(email, username).changes === 0) throw new EmailNotFound(email, username)
      return this.get(username)
    },

    changeKarma (username: string, delta: 1 | -1): Karma {
      return addKarma.get(delta, username) ?? explainMiss(username)
    },

    /** Idempotent: deactivating a deactivated account answers the account as it is. */
    deactivate (username: string): User {
      const row = deactivate.get(username)
      if (!row) throw new UserNotFound(username)
      return toUser(row)
    },

    /** Failed sign-ins for a name since `since` (ms), and when the oldest of them was. */
    failures (username: string, since: number): { count: number, oldest: number | null } {
      const row = failuresSince.get(username, since)!
      return { count: row.n, oldest: row.oldest }
    },

    recordFailure (username: string, at: number, forgetBefore: number): void {
      forgetFailures.run(forgetBefore)
      recordFailure.run(username, at)
    },

    clearFailures (username: string): void {
      clearFailures.run(username)
    }
  }
}

export type UsersStore = ReturnType<typeof createUsersStore>

declare module 'fastify' {
  interface FastifyInstance {
    users: UsersStore
  }
}

/** The users database as a plugin: `app.users` is the store; account events go to `eventsExchange`. */
export function usersStore (eventsExchange?: string) {
  return sqliteStore({
    name: 'users-store',
    decorator: 'users',
    migrations: new URL('../migrations', import.meta.url),
    createStore: (db) => createUsersStore(db, eventsExchange)
  })
}
