import { Type, type Static } from 'typebox'
import { Cursor, Limit, Text, Username, Uuid } from '@platform/kit'

const Email = Type.String({ format: 'email', maxLength: 254, description: 'Where the mail goes', examples: ['ada@example.com'] })
const SendAt = Type.String({
  format: 'timestamp',
  description: 'When to send it, in the future: an ISO-8601 timestamp (no zone means UTC)',
  examples: ['2026-05-01T17:00:00Z']
})
const Subject = Text({ maxLength: 200, description: 'The subject: 1 to 200 characters, not blank' })
const Body = Text({ maxLength: 10_000, description: 'The text: 1 to 10000 characters, not blank' })
const Stamp = (description: string) => Type.String({ format: 'date-time', description })
const OrNull = (description: string) => Type.Union([Stamp(description), Type.Null()])

export const NewNotification = Type.Object(
  {
    username: Username,
    event_id: Uuid,
    email: Email,
    send_at: SendAt,
    subject: Type.Optional({ ...Subject, description: 'Default: "Reminder: <the event\'s title>"' }),
    body: Type.Optional({ ...Body, description: 'Default: the event\'s title, time and place' })
  },
  { additionalProperties: false, title: 'NewNotification' }
)
export type NewNotification = Static<typeof NewNotification>

export const NotificationChange = Type.Object(
  { send_at: Type.Optional(SendAt), email: Type.Optional(Email) },
  { additionalProperties: false, minProperties: 1, title: 'NotificationChange' }
)
export type NotificationChange = Static<typeof NotificationChange>

export const Notification = Type.Object(
  {
    notification_id: Uuid,
    username: Username,
    event_id: Uuid,
    email: Type.String(),
    subject: Type.String(),
    body: Type.String(),
    send_at: Stamp('When it is due'),
    status: Type.Union([Type.Literal('scheduled'), Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed')], {
      description: 'scheduled: waiting for send_at; queued: handed to the mailer; sent: the SMTP server took it; failed: the mailer gave up'
    }),
    queued_at: OrNull('When the mail queue took it'),
    sent_at: OrNull('When the SMTP server accepted it'),
    detail: Type.Union([Type.String(), Type.Null()], { description: 'The mailer\'s last word: the SMTP answer, or why it failed' }),
    created_at: Stamp('When it was created'),
    updated_at: Stamp('When it last changed')
  },
  { title: 'Notification' }
)

export const NotificationPage = Type.Object(
  {
    notifications: Type.Array(Notification),
    next: Type.Union([Cursor, Type.Null()], { description: 'Pass as `after=` for the next page; null on the last page' })
  },
  { title: 'NotificationPage' }
)

export const ListQuery = Type.Object(
  { username: Username, limit: Limit(20, 100), after: Type.Optional(Cursor) },
  { additionalProperties: false }
)

export const NotificationParams = Type.Object({ notification_id: Uuid }, { additionalProperties: false })
