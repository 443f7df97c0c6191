import { Type, type Static } from 'typebox'
import { Cursor, Limit, Text, Username, Uuid } from '@platform/kit'
import { IsoDate, MovieId } from '@platform/cinema'

const Name = Text({ maxLength: 100, description: 'A name: 1 to 100 characters, not blank', examples: ['Chris Smith'] })
const CreatedAt = Type.String({ format: 'date-time', description: 'When it was created (UTC, ms precision)' })

export const NewUser = Type.Object({ username: Username, name: Name }, { additionalProperties: false, title: 'NewUser' })
export type NewUser = Static<typeof NewUser>

export const User = Type.Object({ username: Username, name: Type.String(), created_at: CreatedAt }, { title: 'User' })

export const UserPage = Type.Object(
  {
    users: Type.Array(User),
    next: Type.Union([Username, Type.Null()], { description: 'Pass as `after=` for the next page; null on the last page' })
  },
  { title: 'UserPage' }
)

export const ListQuery = Type.Object(
  { limit: Limit(20, 100), after: Type.Optional(Username) },
  { additionalProperties: false }
)

export const UserParams = Type.Object({ username: Username }, { additionalProperties: false })

const MovieSummary = Type.Object(
  { title: Type.String(), director: Type.String(), rating: Type.Number() },
  { title: 'MovieSummary', description: 'The movie as the catalogue has it now; null when it left the catalogue' }
)

export const UserBooking = Type.Object(
  {
    booking_id: Uuid,
    date: IsoDate,
    movie_id: MovieId,
    seats: Type.Integer(),
    created_at: CreatedAt,
    movie: Type.Union([MovieSummary, Type.Null()])
  },
  { title: 'UserBooking' }
)

export const UserBookings = Type.Object(
  {
    username: Username,
    name: Type.String(),
    bookings: Type.Array(UserBooking),
    next: Type.Union([Cursor, Type.Null()], { description: 'Pass as `before=` for the next page; null on the last page' })
  },
  { title: 'UserBookings' }
)

export const BookingsQuery = Type.Object({ limit: Limit(20, 50), before: Type.Optional(Cursor) }, { additionalProperties: false })
