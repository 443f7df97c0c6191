import { Type, type Static } from 'typebox'
import { Cursor, Limit, Text, Username, Uuid } from '@platform/kit'

// A message id is a UUID issued by this service.
export const MessageId = Uuid

// At least one visible character: a message of spaces or zero-width characters says nothing.
const Contents = Text({ maxLength: 5000, description: '1 to 5000 characters, not blank' })

export const NewMessage = Type.Object(
  { from: Username, to: Username, contents: Contents },
  { additionalProperties: false, title: 'NewMessage' }
)
export type NewMessage = Static<typeof NewMessage>

export const Message = Type.Object(
  {
    message_id: MessageId,
    from: Username,
    to: Username,
    timestamp: Type.String({ format: 'date-time', description: 'When it was sent (UTC, ms precision), set by the service' }),
    contents: Type.String(),
    favorite: Type.Boolean()
  },
  { title: 'Message' }
)

export const MessagePage = Type.Object(
  {
    messages: Type.Array(Message),
    next: Type.Union([Cursor, Type.Null()], { description: 'Pass as `before=` for the next page; null on the last page' })
  },
  { title: 'MessagePage' }
)

export const ListQuery = Type.Object(
  {
    // Exactly one of the two (checked by the route: a schema's oneOf would not name the problem).
    to: Type.Optional(Username),
    from: Type.Optional(Username),
    limit: Limit(20, 100),
    before: Type.Optional(Cursor)
  },
  { additionalProperties: false }
)
export type ListQuery = Static<typeof ListQuery>

export const MessageParams = Type.Object({ message_id: MessageId }, { additionalProperties: false })
