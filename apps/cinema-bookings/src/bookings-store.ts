import type { PageKey } from '@platform/kit'
import { bytesToUuid, newUuid, uuidToBytes } from '@platform/ids'
import { sqliteStore, type Db } from '@platform/sqlite'

export interface Booking {
  booking_id: string
  username: string
  /** YYYY-MM-DD */
  date: string
  movie_id: string
  seats: number
  created_at: string
}

/** What a booking came to; the store decides, the route turns refusals into 409s. */
export type BookResult =
  | { outcome: 'booked', booking: Booking, available: number }
  | { outcome: 'already-booked', booking: Booking }
  | { outcome: 'sold-out', available: number }

interface BookingRow {
  seq: number
  booking_id: Buffer
  username: string
  date: string
  movie_id: Buffer
  seats: number
  created_at: number
}

const COLUMNS = 'seq, booking_id, username, date, movie_id, seats, created_at'
const NEWEST_FIRST = 'ORDER BY created_at DESC, seq DESC LIMIT @take'
// (created_at, seq) < (?, ?) is a range on the index: a page costs `take` index steps however deep.
const OLDER = '(created_at, seq) < (@at, @seq)'

const toBooking = (row: BookingRow): Booking => ({
  booking_id: bytesToUuid(row.booking_id),
  username: row.username,
  date: row.date,
  movie_id: bytesToUuid(row.movie_id),
  seats: row.seats,
  created_at: new Date(row.created_at).toISOString()
})

type PageArgs = { take: number, username?: string, at?: number, seq?: number }

/** All SQL of the bookings service: statements prepared once, every write one IMMEDIATE transaction. */
export function createBookingsStore (db: Db, now: () => number = Date.now) {
  const bookedOf = db.prepare<[string, Buffer], { booked: number }>('SELECT booked FROM showings WHERE date = ? AND movie_id = ?')
  const takeSeats = db.prepare<[{ date: string, movie: Buffer, seats: number }]>(
    'INSERT INTO showings (date, movie_id, booked) VALUES (@date, @movie, @seats) ON CONFLICT (date, movie_id) DO UPDATE SET booked = booked + @seats'
  )
  const giveBack = db.prepare<[number, string, Buffer]>('UPDATE showings SET booked = booked - ? WHERE date = ? AND movie_id = ?')
  const insert = db.prepare<[Buffer, string, string, Buffer, number, number], BookingRow>(
    `INSERT INTO bookings (booking_id, username, date, movie_id, seats, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`
  )
  const ofUserShowing = db.prepare<[string, string, Buffer], BookingRow>(`SELECT ${COLUMNS} FROM bookings WHERE username = ? AND date = ? AND movie_id = ?`)
  const byId = db.prepare<[Buffer, string], BookingRow>(`SELECT ${COLUMNS} FROM bookings WHERE booking_id = ? AND username = ?`)
  const remove = db.prepare<[Buffer, string], BookingRow>(`DELETE FROM bookings WHERE booking_id = ? AND username = ? RETURNING ${COLUMNS}`)
  const pages = {
    all: db.prepare<[PageArgs], BookingRow>(`SELECT ${COLUMNS} FROM bookings ${NEWEST_FIRST}`),
    allBefore: db.prepare<[PageArgs], BookingRow>(`SELECT ${COLUMNS} FROM bookings WHERE ${OLDER} ${NEWEST_FIRST}`),
    user: db.prepare<[PageArgs], BookingRow>(`SELECT ${COLUMNS} FROM bookings WHERE username = @username ${NEWEST_FIRST}`),
    userBefore: db.prepare<[PageArgs], BookingRow>(`SELECT ${COLUMNS} FROM bookings WHERE username = @username AND ${OLDER} ${NEWEST_FIRST}`)
  }

  // The seat check and the booking are one transaction on one database: IMMEDIATE takes the
  // write lock before reading `booked`, so no other booking (in this process or another one on
  // the same file) reads the same count in between. Never oversold, with no distributed step.
  const book = db.transaction((username: string, date: string, movie: Buffer, seats: number, capacity: number): BookResult => {
    const earlier = ofUserShowing.get(username, date, movie)
    if (earlier) return { outcome: 'already-booked', booking: toBooking(earlier) }
    const booked = bookedOf.get(date, movie)?.booked ?? 0
    const available = Math.max(0, capacity - booked)
    if (seats > available) return { outcome: 'sold-out', available }
    takeSeats.run({ date, movie, seats })
    const row = insert.get(newUuid().bytes, username, date, movie, seats, now())!
    return { outcome: 'booked', booking: toBooking(row), available: available - seats }
  })

  const cancel = db.transaction((bookingId: Buffer, username: string): Booking | undefined => {
    const row = remove.get(bookingId, username)
    if (!row) return undefined
    giveBack.run(row.seats, row.date, row.movie_id)
    return toBooking(row)
  })

  const page = (statement: keyof typeof pages, limit: number, args: { username?: string }, before?: PageKey) => {
    // One row more than asked tells whether another page exists without a COUNT.
    const rows = pages[statement].all({ take: limit + 1, ...args, ...before })
    const items = rows.slice(0, limit)
    const last = items.at(-1)
    return { bookings: items.map(toBooking), next: rows.length > limit && last ? { at: last.created_at, seq: last.seq } : null }
  }

  return {
    /** Books `seats` of a showing with `capacity` seats for `username`, or says why not. */
    book (booking: { username: string, date: string, movie_id: string, seats: number }, capacity: number): BookResult {
      return book.immediate(booking.username, booking.date, uuidToBytes(booking.movie_id), booking.seats, capacity)
    },

    /** Cancels the booking, its seats back to the showing; what it was, or undefined when there was none. */
    cancel (username: string, bookingId: string): Booking | undefined {
      return cancel.immediate(uuidToBytes(bookingId), username)
    },

    get (username: string, bookingId: string): Booking | undefined {
      const row = byId.get(uuidToBytes(bookingId), username)
      return row && toBooking(row)
    },

    /** Seats booked of a showing (0 when nobody booked it). */
    booked (date: string, movieId: string): number {
      return bookedOf.get(date, uuidToBytes(movieId))?.booked ?? 0
    },

    /** Everyone's bookings, newest first. */
    list: (limit: number, before?: PageKey) => page(before ? 'allBefore' : 'all', limit, {}, before),

    /** One user's bookings, newest first. */
    listOf: (username: string, limit: number, before?: PageKey) => page(before ? 'userBefore' : 'user', limit, { username }, before)
  }
}

export type BookingsStore = ReturnType<typeof createBookingsStore>

declare module 'fastify' {
  interface FastifyInstance {
    cinemaBookings: BookingsStore
  }
}

/** The bookings database as a plugin: `app.cinemaBookings` is the store. */
export const bookingsStore = sqliteStore({
  name: 'cinema-bookings-store',
  decorator: 'cinemaBookings',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createBookingsStore(db)
})
