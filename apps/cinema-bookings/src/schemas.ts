import { Type, type Static } from 'typebox'
import { Cursor, Limit, Username, Uuid } from '@platform/kit'
import { IsoDate, MovieId, ShowDate } from '@platform/cinema'

const CreatedAt = Type.String({ format: 'date-time', description: 'When it was booked (UTC, ms precision)' })
export const MAX_SEATS = 10

export const NewBooking = Type.Object(
  {
    username: Username,
    date: ShowDate,
    movie_id: MovieId,
    seats: Type.Integer({ minimum: 1, maximum: MAX_SEATS, description: `Seats to book: 1 to ${MAX_SEATS}`, examples: [2] })
  },
  { additionalProperties: false, title: 'NewBooking' }
)
export type NewBooking = Static<typeof NewBooking>

export const Booking = Type.Object(
  { booking_id: Uuid, username: Username, date: IsoDate, movie_id: MovieId, seats: Type.Integer(), created_at: CreatedAt },
  { title: 'Booking' }
)

const Next = Type.Union([Cursor, Type.Null()], { description: 'Pass as `before=` for the next page; null on the last page' })

export const BookingPage = Type.Object({ bookings: Type.Array(Booking), next: Next }, { title: 'BookingPage' })
export const UserBookingPage = Type.Object({ username: Username, bookings: Type.Array(Booking), next: Next }, { title: 'UserBookingPage' })

export const Seats = Type.Object(
  {
    date: IsoDate,
    movie_id: MovieId,
    capacity: Type.Integer({ description: 'Seats of the showing (the showtimes service\'s)' }),
    booked: Type.Integer({ description: 'Seats booked' }),
    available: Type.Integer({ description: 'Seats that can still be booked: capacity - booked, never below 0' })
  },
  { title: 'Seats' }
)

export const ListQuery = Type.Object({ limit: Limit(20, 100), before: Type.Optional(Cursor) }, { additionalProperties: false })
export const UserParams = Type.Object({ username: Username }, { additionalProperties: false })
export const BookingParams = Type.Object({ username: Username, booking_id: Uuid }, { additionalProperties: false })
export const ShowingParams = Type.Object({ date: ShowDate, movie_id: MovieId }, { additionalProperties: false })
