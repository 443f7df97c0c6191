import { sqliteStore, type Db } from '@platform/sqlite'
import { bytesToUuid, newUuid, uuidToBytes } from '@platform/ids'
import type { PageKey } from '@platform/kit'
import { MessageNotFound } from './errors.js'

export interface Message {
  message_id: string
  from: string
  to: string
  timestamp: string
  contents: string
  favorite: boolean
}

export interface Page {
  messages: Message[]
  /** The key of the last message when there are older ones, for the next page's cursor. */
  next: PageKey | null
}

interface MessageRow {
  seq: number
  message_id: Buffer
  from_user: string
  to_user: string
  sent_at: number
  contents: string
  favorite: number
}

const toMessage = (row: MessageRow): Message => ({
  message_id: bytesToUuid(row.message_id),
  from: row.from_user,
  to: row.to_user,
  timestamp: new Date(row.sent_at).toISOString(),
  contents: row.contents,
  favorite: row.favorite === 1
})

const COLUMNS = 'seq, message_id, from_user, to_user, sent_at, contents, favorite'
// Above any real key: the first page is "older than the end of time", one statement for both.
const NEWEST = { at: Number.MAX_SAFE_INTEGER, seq: Number.MAX_SAFE_INTEGER }

/** All SQL of the messages service. Every write is one statement, so none can be half done. */
export function createMessagesStore (db: Db) {
  const insert = db.prepare<[Buffer, string, string, number, string], MessageRow>(
    `INSERT INTO messages (message_id, from_user, to_user, sent_at, contents) VALUES (?, ?, ?, ?, ?) RETURNING ${COLUMNS}`
  )
  const byId = db.prepare<[Buffer], MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE message_id = ?`)
  const remove = db.prepare<[Buffer], MessageRow>(`DELETE FROM messages WHERE message_id = ? RETURNING ${COLUMNS}`)
  const setFavorite = db.prepare<[number, Buffer], MessageRow>(
    `UPDATE messages SET favorite = ? WHERE message_id = ? RETURNING ${COLUMNS}`
  )
  // One index range each (see the migration): (user, sent_at, seq) below the cursor, newest first.
  const page = (column: 'to_user' | 'from_user') =>
    db.prepare<[string, number, number, number], MessageRow>(
      `SELECT ${COLUMNS} FROM messages WHERE ${column} = ? AND (sent_at, seq) < (?, ?)
       ORDER BY sent_at DESC, seq DESC LIMIT ?`
    )
  const pages = { to: page('to_user'), from: page('from_user') }

  const found = (id: string, row: MessageRow | undefined): Message => {
    if (!row) throw new MessageNotFound(id)
    return toMessage(row)
  }

  return {
    send (message: { from: string; to: string; contents: string }, now = Date.now()): Message {
      return toMessage(insert.get(newUuid().bytes, message.from, message.to, now, message.contents)!)
    },

    get (id: string): Message {
      return found(id, byId.get(uuidToBytes(id)))
    },

    /** Deletes and answers the message as it was. */
    delete (id: string): Message {
      return found(id, remove.get(uuidToBytes(id)))
    },

    /** Idempotent: favoriting a favorite (or unfavoriting a plain message) changes nothing. */
    setFavorite (id: string, favorite: boolean): Message {
      return found(id, setFavorite.get(favorite ? 1 : 0, uuidToBytes(id)))
    },

    /** The newest `limit` messages to (inbox) or from (outbox) `user` older than `before`. */
    list (box: 'to' | 'from', user: string, limit: number, before: PageKey = NEWEST): Page {
      // One row more than asked tells whether an older page exists.
      const rows = pages[box].all(user, before.at, before.seq, limit + 1)
      const more = rows.length > limit
      const shown = more ? rows.slice(0, limit) : rows
      const last = shown.at(-1)
      return { messages: shown.map(toMessage), next: more && last ? { at: last.sent_at, seq: last.seq } : null }
    }
  }
}

export type MessagesStore = ReturnType<typeof createMessagesStore>

declare module 'fastify' {
  interface FastifyInstance {
    messages: MessagesStore
  }
}

/** The messages database as a plugin: `app.messages` is the store. */
export const messagesStore = sqliteStore({
  name: 'messages-store',
  decorator: 'messages',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createMessagesStore(db)
})
