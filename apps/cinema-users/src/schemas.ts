import { Type } from 'typebox'
import { Cursor, Limit, Text, Username, Uuid } from '@platform/kit'

const CreatedAt = Type.String({ format: 'date-time', description: 'When it was created (UTC, ms precision)' })

export const NewItem = Type.Object(
  { title: Text({ maxLength: 300, description: 'A title: 1 to 300 characters, not blank' }), username: Username },
  { additionalProperties: false, title: 'NewItem' }
)

export const Item = Type.Object(
  { item_id: Uuid, title: Type.String(), username: Username, created_at: CreatedAt },
  { title: 'Item' }
)

export const ItemPage = Type.Object(
  {
    items: Type.Array(Item),
    next: Type.Union([Cursor, Type.Null()], { description: 'Pass as `before=` for the next page; null on the last page' })
  },
  { title: 'ItemPage' }
)

export const ListQuery = Type.Object({ limit: Limit(20, 100), before: Type.Optional(Cursor) }, { additionalProperties: false })

export const ItemParams = Type.Object({ item_id: Uuid }, { additionalProperties: false })
