import { isUniqueViolation, whenUnlocked, type Db } from '@platform/sqlite'
import { StoreBusy } from './errors.js'
import { LOCK_WAIT_MS, SQLITE_BUSY_WAIT_MS } from './games-store.js'

export interface UserRow {
  userId: Buffer
  username: string
}

/** The users database: who exists, by id and by name. */
export function createUsersStore (db: Db, lockWaitMs = LOCK_WAIT_MS) {
  db.pragma(`busy_timeout = ${SQLITE_BUSY_WAIT_MS}`)
  const insert = db.prepare<[Buffer, string]>('INSERT INTO users (user_id, username) VALUES (?, ?)')
  const byId = db.prepare<[Buffer], { username: string }>('SELECT username FROM users WHERE user_id = ?')
  const byName = db.prepare<[string], { user_id: Buffer }>('SELECT user_id FROM users WHERE username = ?')
  // The unique index ignores letter case (migration 002), so this finds whoever holds the name.
  const holder = db.prepare<[string], { user_id: Buffer, username: string }>(
    'SELECT user_id, username FROM users WHERE username = ? COLLATE NOCASE'
  )

  return {
    /**
     * Registers `username` under `userId`, or answers who holds the name already (in any
     * letter case): replaying a registration finds the first one instead of failing.
     */
    async register (userId: Buffer, username: string): Promise<{ user: UserRow, created: boolean }> {
      try {
        await whenUnlocked(() => insert.run(userId, username), lockWaitMs, () => new StoreBusy())
        return { user: { userId, username }, created: true }
      } catch (err) {
        const row = isUniqueViolation(err) ? holder.get(username) : undefined
        if (!row) throw err
        return { user: { userId: row.user_id, username: row.username }, created: false }
      }
    },
    usernameOf (userId: Buffer): string | undefined {
      return byId.get(userId)?.username
    },
    findByUsername (username: string): UserRow | undefined {
      const row = byName.get(username)
      return row && { userId: row.user_id, username }
    }
  }
}

export type UsersStore = ReturnType<typeof createUsersStore>
