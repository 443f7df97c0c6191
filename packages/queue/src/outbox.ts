import type { Db } from '@platform/sqlite'

/**
 * The table a service adds with a migration of its own, beside the rows whose changes it
 * announces (copy it as it is; a test of this package applies the same text):
 */
export const OUTBOX_TABLE_SQL = `-- Messages for RabbitMQ, written in the same transaction as the change they announce and
-- removed once the broker has confirmed them (@platform/queue's outbox relay).
CREATE TABLE outbox (
  seq         INTEGER PRIMARY KEY,
  message_id  TEXT    NOT NULL UNIQUE,
  exchange    TEXT    NOT NULL,
  routing_key TEXT    NOT NULL,
  properties  TEXT    NOT NULL, -- JSON: type, replyTo, headers, mandatory
  body        BLOB    NOT NULL,
  due_at      INTEGER NOT NULL, -- ms since the epoch: not published before
  attempts    INTEGER NOT NULL DEFAULT 0,
  claimed_by  TEXT,             -- the relay instance publishing it
  claim_until INTEGER           -- ms: its claim (or a failed attempt's back-off) ends
);
CREATE INDEX outbox_due ON outbox (due_at);
CREATE INDEX outbox_claimed ON outbox (claim_until) WHERE claim_until IS NOT NULL;
`

export interface OutboxMessage {
  messageId: string
  /** '' with routingKey a queue name, or an exchange. */
  exchange: string
  routingKey: string
  /** An object is stored and sent as JSON. */
  body: Buffer | object
  type?: string
  replyTo?: string
  headers?: Record<string, unknown>
  mandatory?: boolean
}

export interface ClaimedMessage extends Required<Pick<OutboxMessage, 'messageId' | 'exchange' | 'routingKey'>> {
  body: Buffer
  json: boolean
  type?: string
  replyTo?: string
  headers?: Record<string, unknown>
  mandatory?: boolean
  dueAt: number
  attempts: number
}

interface Row {
  seq: number
  message_id: string
  exchange: string
  routing_key: string
  properties: string
  body: Buffer
  due_at: number
  attempts: number
}

interface Properties {
  type?: string
  replyTo?: string
  headers?: Record<string, unknown>
  mandatory?: boolean
  json: boolean
}

const encodeBody = (body: Buffer | object) => (Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body)))

function toClaimed (row: Row): ClaimedMessage {
  const props = JSON.parse(row.properties) as Properties
  return {
    messageId: row.message_id,
    exchange: row.exchange,
    routingKey: row.routing_key,
    body: row.body,
    ...props,
    dueAt: row.due_at,
    attempts: row.attempts
  }
}

/**
 * The outbox of one SQLite database: every statement prepared once. `add`, `update` and
 * `cancel` are meant to run inside the caller's transaction (better-sqlite3 nests them), so
 * a row and the message announcing it are committed together or not at all.
 */
export function createOutbox (db: Db) {
  const insert = db.prepare<[string, string, string, string, Buffer, number]>(
    'INSERT INTO outbox (message_id, exchange, routing_key, properties, body, due_at) VALUES (?, ?, ?, ?, ?, ?)'
  )
  // A message nobody has tried to publish yet can still change or be withdrawn; once a relay
  // has claimed it, it may be at the broker, so it is left alone.
  const setDue = db.prepare<[number, string]>('UPDATE outbox SET due_at = ? WHERE message_id = ? AND attempts = 0')
  const setBody = db.prepare<[Buffer, string]>('UPDATE outbox SET body = ? WHERE message_id = ? AND attempts = 0')
  const remove = db.prepare<[string]>('DELETE FROM outbox WHERE message_id = ? AND attempts = 0')
  const claim = db.prepare<{ owner: string, now: number, until: number, limit: number }, Row>(
    `UPDATE outbox SET claimed_by = @owner, claim_until = @until, attempts = attempts + 1
     WHERE seq IN (
       SELECT seq FROM outbox
       WHERE due_at <= @now AND (claim_until IS NULL OR claim_until <= @now)
       ORDER BY due_at LIMIT @limit
     )
     RETURNING seq, message_id, exchange, routing_key, properties, body, due_at, attempts`
  )
  const published = db.prepare<[string]>('DELETE FROM outbox WHERE message_id = ?')
  const release = db.prepare<[number, string, string]>(
    'UPDATE outbox SET claimed_by = NULL, claim_until = ? WHERE message_id = ? AND claimed_by = ?'
  )
  // The earliest unclaimed message (first entry of the due_at index), and among the few
  // claimed ones (their own index) the earliest a claim or back-off ends.
  const nextUnclaimed = db.prepare<[], { at: number }>('SELECT due_at AS at FROM outbox WHERE claim_until IS NULL ORDER BY due_at LIMIT 1')
  const nextClaimed = db.prepare<[], { at: number | null }>(
    'SELECT min(max(due_at, claim_until)) AS at FROM outbox INDEXED BY outbox_claimed WHERE claim_until IS NOT NULL'
  )
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox')
  const immediate = <T>(fn: () => T) => db.transaction(fn).immediate()

  return {
    /** Stores a message to publish at `dueAt` (now by default). */
    add (message: OutboxMessage, dueAt = Date.now()): void {
      const props: Properties = {
        json: !Buffer.isBuffer(message.body),
        ...(message.type ? { type: message.type } : {}),
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
        ...(message.mandatory ? { mandatory: true } : {})
      }
      insert.run(message.messageId, message.exchange, message.routingKey, JSON.stringify(props), encodeBody(message.body), dueAt)
    },

    /**
     * Changes when a message goes out and/or what it says. False when it is unknown or a relay
     * has already tried to publish it (it may be at the broker): too late to change.
     */
    update (messageId: string, change: { dueAt?: number, body?: Buffer | object }): boolean {
      let changed = 0
      if (change.dueAt !== undefined) changed = setDue.run(change.dueAt, messageId).changes
      if (change.body !== undefined) changed = setBody.run(encodeBody(change.body), messageId).changes
      return changed > 0
    },

    /** Withdraws a message not yet tried. False when unknown or already tried. */
    cancel (messageId: string): boolean {
      return remove.run(messageId).changes > 0
    },

    /**
     * Atomically takes up to `limit` due messages no live claim holds, for `leaseMs`: two relays
     * on one database never hold the same message. A relay that dies keeps its messages only
     * until the lease ends; then another relay takes them (and publishes them again: consumers
     * drop ids they have seen).
     */
    claim (owner: string, options: { now?: number, leaseMs: number, limit: number }): ClaimedMessage[] {
      const now = options.now ?? Date.now()
      return immediate(() => claim.all({ owner, now, until: now + options.leaseMs, limit: options.limit })).map(toClaimed)
    },

    /** The broker confirmed it: remove it; `then` runs in the same transaction (mark the source row sent). */
    published (messageId: string, then?: (messageId: string) => void): void {
      immediate(() => {
        published.run(messageId)
        then?.(messageId)
      })
    },

    /** Publishing failed: give the message back, to be tried again from `retryAt` on. */
    release (messageId: string, owner: string, retryAt: number): void {
      release.run(retryAt, messageId, owner)
    },

    /** When the earliest waiting message becomes claimable (ms), or undefined when none waits. */
    nextDueAt (): number | undefined {
      const a = nextUnclaimed.get()?.at
      const b = nextClaimed.get()?.at ?? undefined
      return a === undefined ? b : b === undefined ? a : Math.min(a, b)
    },

    /** Messages waiting (claimed ones included). */
    size (): number {
      return count.get()!.n
    }
  }
}

export type Outbox = ReturnType<typeof createOutbox>
