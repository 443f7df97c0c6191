import type { PageKey } from '@platform/kit'
import { bytesToUuid, newUuid, uuidToBytes } from '@platform/ids'
import { sqliteStore, type Db } from '@platform/sqlite'

export interface Received {
  envelopeFrom: string
  envelopeTo: string[]
  headerMessageId: string | null
  sender: string
  recipients: string
  subject: string
  text: string | null
  html: string | null
  size: number
}

export interface MessageSummary {
  message_id: string
  from: string
  to: string[]
  subject: string
  header_message_id: string | null
  size: number
  received_at: string
}

export interface Message extends MessageSummary {
  sender: string
  recipients: string
  text: string | null
  html: string | null
}

interface Row {
  seq: number
  message_id: Buffer
  envelope_from: string
  envelope_to: string
  header_message_id: string | null
  sender: string
  recipients: string
  subject: string
  text: string | null
  html: string | null
  size: number
  received_at: number
}

const summary = (row: Row): MessageSummary => ({
  message_id: bytesToUuid(row.message_id),
  from: row.envelope_from,
  to: JSON.parse(row.envelope_to) as string[],
  subject: row.subject,
  header_message_id: row.header_message_id,
  size: row.size,
  received_at: new Date(row.received_at).toISOString()
})

const whole = (row: Row): Message => ({ ...summary(row), sender: row.sender, recipients: row.recipients, text: row.text, html: row.html })

const SUMMARY = 'm.seq, m.message_id, m.envelope_from, m.envelope_to, m.header_message_id, m.subject, m.size, m.received_at'

/** All SQL of the mailbox: statements prepared once. */
export function createMailboxStore (db: Db, keep: number, now: () => number = Date.now) {
  const insert = db.prepare<[Buffer, string, string, string | null, string, string, string, string | null, string | null, number, number]>(
    `INSERT INTO messages (message_id, envelope_from, envelope_to, header_message_id, sender, recipients, subject, text, html, size, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const deliver = db.prepare<[string, number]>('INSERT OR IGNORE INTO deliveries (address, seq) VALUES (?, ?)')
  // Only the newest `keep` stay; ON DELETE CASCADE removes their deliveries.
  const prune = db.prepare<[number]>('DELETE FROM messages WHERE seq <= (SELECT seq FROM messages ORDER BY seq DESC LIMIT 1 OFFSET ?)')
  const byId = db.prepare<[Buffer], Row>('SELECT * FROM messages WHERE message_id = ?')
  const newest = db.prepare<{ take: number, seq: number }, Row>(`SELECT ${SUMMARY} FROM messages m WHERE m.seq < @seq ORDER BY m.seq DESC LIMIT @take`)
  const newestTo = db.prepare<{ take: number, seq: number, address: string }, Row>(
    `SELECT ${SUMMARY} FROM deliveries d CROSS JOIN messages m ON m.seq = d.seq WHERE d.address = @address AND d.seq < @seq ORDER BY d.seq DESC LIMIT @take`
  )
  const clear = db.prepare('DELETE FROM messages')
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM messages')

  const store = db.transaction((m: Received): Buffer => {
    const id = newUuid().bytes
    const seq = Number(insert.run(id, m.envelopeFrom, JSON.stringify(m.envelopeTo), m.headerMessageId, m.sender, m.recipients, m.subject, m.text, m.html, m.size, now()).lastInsertRowid)
    for (const address of m.envelopeTo) deliver.run(address, seq)
    prune.run(keep)
    return id
  })

  return {
    /** Keeps a message the SMTP server accepted; returns its id. */
    add (m: Received): string {
      return bytesToUuid(store.immediate(m))
    },

    get (id: string): Message | undefined {
      const row = byId.get(uuidToBytes(id))
      return row && whole(row)
    },

    /** Newest first, all or those delivered to `to`, older than `before`. */
    list (options: { limit: number, to?: string | undefined, before?: PageKey | undefined }): { messages: MessageSummary[], next: PageKey | null } {
      const args = { take: options.limit + 1, seq: options.before?.seq ?? Number.MAX_SAFE_INTEGER }
      const rows = options.to === undefined ? newest.all(args) : newestTo.all({ ...args, address: options.to })
      const page = rows.slice(0, options.limit)
      const last = page.at(-1)
      return { messages: page.map(summary), next: rows.length > options.limit && last ? { at: last.received_at, seq: last.seq } : null }
    },

    clear (): number {
      return clear.run().changes
    },

    size (): number {
      return count.get()!.n
    }
  }
}

export type MailboxStore = ReturnType<typeof createMailboxStore>

declare module 'fastify' {
  interface FastifyInstance {
    mailbox: MailboxStore
  }
}

/** The mailbox database as a plugin: `app.mailbox` is the store. */
export function mailboxStore (keep: number) {
  return sqliteStore({
    name: 'mailbox-store',
    decorator: 'mailbox',
    migrations: new URL('../migrations', import.meta.url),
    createStore: (db) => createMailboxStore(db, keep)
  })
}
