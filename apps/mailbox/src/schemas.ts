import { Type, type Static } from 'typebox'
import { Cursor, Limit, Uuid } from '@platform/kit'

const Address = Type.String({ minLength: 3, maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+$', description: 'An email address' })

export const MessageSummary = Type.Object(
  {
    message_id: Uuid,
    from: Type.String({ description: 'The envelope sender (MAIL FROM)' }),
    to: Type.Array(Type.String(), { description: 'The envelope recipients (RCPT TO)' }),
    subject: Type.String(),
    header_message_id: Type.Union([Type.String(), Type.Null()], { description: 'The Message-ID header the sender set' }),
    size: Type.Integer({ description: 'Bytes, as received' }),
    received_at: Type.String({ format: 'date-time' })
  },
  { title: 'MessageSummary' }
)

export const Message = Type.Object(
  {
    ...MessageSummary.properties,
    sender: Type.String({ description: 'The From header' }),
    recipients: Type.String({ description: 'The To header' }),
    text: Type.Union([Type.String(), Type.Null()], { description: 'The plain-text body' }),
    html: Type.Union([Type.String(), Type.Null()], { description: 'The HTML body, if any' })
  },
  { title: 'Message' }
)

export const MessagePage = Type.Object(
  {
    messages: Type.Array(MessageSummary),
    next: Type.Union([Cursor, Type.Null()], { description: 'Pass as `before=` for older messages; null on the last page' })
  },
  { title: 'MessagePage' }
)

export const ListQuery = Type.Object(
  { to: Type.Optional(Address), limit: Limit(20, 100), before: Type.Optional(Cursor) },
  { additionalProperties: false }
)
export type ListQuery = Static<typeof ListQuery>

export const MessageParams = Type.Object({ message_id: Uuid }, { additionalProperties: false })

export const Smtp = Type.Object(
  { host: Type.String(), port: Type.Integer(), url: Type.String({ description: 'What to give a sender, e.g. the mailer\'s SMTP_URL' }) },
  { title: 'Smtp' }
)
