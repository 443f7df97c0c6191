import type { PageKey } from '@platform/kit'
import { bytesToUuid, isUuid, newUuid, uuidToBytes } from '@platform/ids'
import { createOutbox, type MailMessage, type MailStatus } from '@platform/queue'
import { sqliteStore, type Db } from '@platform/sqlite'
import { NotScheduled } from './errors.js'

export type Status = 'scheduled' | 'queued' | 'sent' | 'failed'

export interface Notification {
  notification_id: string
  username: string
  event_id: string
  email: string
  subject: string
  body: string
  send_at: string
  status: Status
  queued_at: string | null
  sent_at: string | null
  detail: string | null
  created_at: string
  updated_at: string
}

export interface NewNotification {
  username: string
  eventId: string
  email: string
  subject: string
  body: string
  sendAt: number
}

interface Row {
  seq: number
  notification_id: Buffer
  username: string
  event_id: Buffer
  email: string
  subject: string
  body: string
  send_at: number
  status: Status
  queued_at: number | null
  sent_at: number | null
  detail: string | null
  created_at: number
  updated_at: number
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

const toNotification = (row: Row): Notification => ({
  notification_id: bytesToUuid(row.notification_id),
  username: row.username,
  event_id: bytesToUuid(row.event_id),
  email: row.email,
  subject: row.subject,
  body: row.body,
  send_at: iso(row.send_at)!,
  status: row.status,
  queued_at: iso(row.queued_at),
  sent_at: iso(row.sent_at),
  detail: row.detail,
  created_at: iso(row.created_at)!,
  updated_at: iso(row.updated_at)!
})

const mailOf = (row: Pick<Row, 'email' | 'subject' | 'body'>): MailMessage => ({ to: row.email, subject: row.subject, text: row.body })

export interface MailRoute {
  /** The mail queue. */
  queue: string
  /** Where the mailer reports sent/failed. */
  replyTo: string
}

/**
 * All SQL of the notifications service. A notification and its mail in the outbox are written,
 * changed and removed together; the relay publishes the mail at send_at and, in the transaction
 * that removes it from the outbox, marks the notification queued.
 */
export function createNotificationsStore (db: Db, route: MailRoute, now: () => number = Date.now) {
  const outbox = createOutbox(db)
  const insert = db.prepare<[Buffer, string, Buffer, string, string, string, number, number, number], Row>(
    `INSERT INTO notifications (notification_id, username, event_id, email, subject, body, send_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`
  )
  const byId = db.prepare<[Buffer], Row>('SELECT * FROM notifications WHERE notification_id = ?')
  const change = db.prepare<[number, string, number, Buffer], Row>(
    'UPDATE notifications SET send_at = ?, email = ?, updated_at = ? WHERE notification_id = ? RETURNING *'
  )
  const remove = db.prepare<[Buffer]>('DELETE FROM notifications WHERE notification_id = ?')
  const queued = db.prepare<[number, number, Buffer]>(
    "UPDATE notifications SET status = 'queued', queued_at = ?, updated_at = ? WHERE notification_id = ? AND status = 'scheduled'"
  )
  // The mailer's word moves a notification forward only: a late `failed` never undoes `sent`,
  // and a `sent` after a `failed` (the mail was dead-lettered, then sent again) counts.
  const reported = db.prepare<{ status: Status, at: number | null, detail: string | null, now: number, id: Buffer }>(
    `UPDATE notifications SET status = @status, sent_at = coalesce(@at, sent_at), detail = @detail, updated_at = @now
     WHERE notification_id = @id AND (status IN ('scheduled', 'queued') OR (status = 'failed' AND @status = 'sent'))`
  )
  const ofUser = db.prepare<{ username: string, at: number, seq: number, take: number }, Row>(
    'SELECT * FROM notifications WHERE username = @username AND (send_at, seq) > (@at, @seq) ORDER BY send_at, seq LIMIT @take'
  )

  const create = db.transaction((n: NewNotification): Row => {
    const at = now()
    const id = newUuid()
    const row = insert.get(id.bytes, n.username, uuidToBytes(n.eventId), n.email, n.subject, n.body, n.sendAt, at, at)!
    outbox.add({ messageId: id.id, exchange: '', routingKey: route.queue, body: mailOf(row), type: 'mail', replyTo: route.replyTo }, n.sendAt)
    return row
  })

  // A reschedule moves the mail in the outbox too, in the same transaction; once the relay has
  // taken the mail (it may be at the broker), the notification is no longer scheduled: a 409.
  const update = db.transaction((id: Buffer, c: { sendAt?: number, email?: string }, authorize: (row: Row) => void): Row | undefined => {
    const row = byId.get(id)
    if (!row) return undefined
    authorize(row)
    const next = { ...row, send_at: c.sendAt ?? row.send_at, email: c.email ?? row.email }
    if (row.status !== 'scheduled' || !outbox.update(bytesToUuid(id), { dueAt: next.send_at, body: mailOf(next) })) {
      throw new NotScheduled(bytesToUuid(id), row.status === 'scheduled' ? 'being handed to the mailer' : row.status)
    }
    return change.get(next.send_at, next.email, now(), id)
  })

  const remove_ = db.transaction((id: Buffer, authorize: (row: Row) => void): Row | undefined => {
    const row = byId.get(id)
    if (!row) return undefined
    authorize(row)
    // Withdrawn from the outbox unless a relay has taken it already (then it may be at the broker).
    outbox.cancel(bytesToUuid(id))
    remove.run(id)
    return row
  })

  return {
    outbox,

    create (n: NewNotification): Notification {
      return toNotification(create.immediate(n))
    },

    get (id: string): Notification | undefined {
      const row = byId.get(uuidToBytes(id))
      return row && toNotification(row)
    },

    /** 409 (NotScheduled) once the mail is on its way; undefined when there is no such notification. */
    update (id: string, c: { sendAt?: number, email?: string }, authorize: (username: string) => void = () => {}): Notification | undefined {
      const row = update.immediate(uuidToBytes(id), c, (r) => authorize(r.username))
      return row && toNotification(row)
    },

    delete (id: string, authorize: (username: string) => void = () => {}): Notification | undefined {
      const row = remove_.immediate(uuidToBytes(id), (r) => authorize(r.username))
      return row && toNotification(row)
    },

    /** In the relay's transaction: the broker confirmed the mail. */
    markQueued (id: string): void {
      const at = now()
      queued.run(at, at, uuidToBytes(id))
    },

    /** What the mailer reported; false when it changed nothing (unknown, or an older word). */
    applyStatus (s: MailStatus): boolean {
      if (!isUuid(s.message_id) || (s.status !== 'sent' && s.status !== 'failed')) return false
      const at = Date.parse(s.at)
      return reported.run({
        status: s.status,
        at: s.status === 'sent' && !Number.isNaN(at) ? at : null,
        detail: s.detail ?? null,
        now: now(),
        id: uuidToBytes(s.message_id)
      }).changes > 0
    },

    /** A user's notifications in send order, after `after`. */
    list (username: string, limit: number, after?: PageKey): { notifications: Notification[], next: PageKey | null } {
      const rows = ofUser.all({ username, at: after?.at ?? -1, seq: after?.seq ?? -1, take: limit + 1 })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return { notifications: page.map(toNotification), next: rows.length > limit && last ? { at: last.send_at, seq: last.seq } : null }
    }
  }
}

export type NotificationsStore = ReturnType<typeof createNotificationsStore>

declare module 'fastify' {
  interface FastifyInstance {
    notifications: NotificationsStore
  }
}

export function notificationsStore (route: MailRoute) {
  return sqliteStore({
    name: 'notifications-store',
    decorator: 'notifications',
    migrations: new URL('../migrations', import.meta.url),
    createStore: (db) => createNotificationsStore(db, route)
  })
}
