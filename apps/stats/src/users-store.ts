import type { Db } from '@platform/sqlite'

export interface UserRow {
  userId: Buffer
  username: string
}

/** The users database: who exists, by id and by name. */
export function createUsersStore (db: Db) {
  const insert = db.prepare<[Buffer, string]>('INSERT INTO users (user_id, username) VALUES (?, ?)')
  const byId = db.prepare<[Buffer], { username: string }>('SELECT username FROM users WHERE user_id = ?')
  const byName = db.prepare<[string], { user_id: Buffer }>('SELECT user_id FROM users WHERE username = ?')

  return {
    /** Throws SQLite's unique violation for a taken username (the caller's 409). */
    insert (userId: Buffer, username: string): void {
      insert.run(userId, username)
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
