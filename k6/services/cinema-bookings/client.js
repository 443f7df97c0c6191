// The cinema's bookings service as a client uses it; each call checks the body it gets.
import { get, post, request, bodyOf, encode, expectStatuses } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { UUID } from '../stats/client.js'

export const ROUTES = {
  book: 'POST /cinema/bookings',
  list: 'GET /cinema/bookings',
  ofUser: 'GET /cinema/bookings/{username}',
  get: 'GET /cinema/bookings/{username}/{booking_id}',
  cancel: 'DELETE /cinema/bookings/{username}/{booking_id}',
  seats: 'GET /cinema/bookings/showings/{date}/{movie_id}'
}

const isBooking = (b) => UUID.test(b.booking_id) && typeof b.username === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(b.date) &&
  UUID.test(b.movie_id) && Number.isInteger(b.seats) && !Number.isNaN(Date.parse(b.created_at))
const same = (actual, expected) => ['booking_id', 'username', 'date', 'movie_id', 'seats'].every((k) => !(k in expected) || actual[k] === expected[k])

/** `wanted`: {username, date (either form), movie_id, seats}; `isoDate` what the booking will say. */
export function book (wanted, isoDate) {
  const res = post('/cinema/bookings', wanted, { name: ROUTES.book })
  const ok = expectJson(res, 'book', 201, {
    'is the booking asked': (b) => isBooking(b) && same(b, { ...wanted, date: isoDate }),
    'Location names it': (b, r) => r.headers.Location === `/cinema/bookings/${encode(b.username)}/${b.booking_id}`
  })
  return ok ? bodyOf(res) : undefined
}

/** A booking where a 409 (sold out, booked already) is an expected answer: returns the response. */
export function tryBook (wanted) {
  return post('/cinema/bookings', wanted, { name: ROUTES.book, expect: expectStatuses(201, 409) })
}

export function getBooking (booking) {
  const res = get(`/cinema/bookings/${encode(booking.username)}/${booking.booking_id}`, { name: ROUTES.get })
  return expectJson(res, 'get booking', 200, { 'is the booking': (b) => same(b, booking) })
}

/** A user's bookings, newest first; `expected` the booking ids (undefined: any). */
export function bookingsOf (username, expected) {
  const res = get(`/cinema/bookings/${encode(username)}`, { name: ROUTES.ofUser })
  return expectJson(res, 'bookings of a user', 200, {
    'are the user\'s': (b) => b.username === username && Array.isArray(b.bookings) && b.bookings.every((x) => isBooking(x) && x.username === username) &&
      (expected === undefined || (b.bookings.length === expected.length && b.bookings.every((x, i) => x.booking_id === expected[i])))
  })
}

export function listBookings ({ limit } = {}) {
  const res = get(`/cinema/bookings${limit ? `?limit=${limit}` : ''}`, { name: ROUTES.list })
  const max = limit || 20
  return expectJson(res, 'list bookings', 200, {
    [`a page of at most ${max}, newest first`]: (b) => Array.isArray(b.bookings) && b.bookings.length <= max && b.bookings.every(isBooking) &&
      b.bookings.every((x, i) => i === 0 || Date.parse(b.bookings[i - 1].created_at) >= Date.parse(x.created_at))
  })
}

export function cancelBooking (booking) {
  const res = request('DELETE', `/cinema/bookings/${encode(booking.username)}/${booking.booking_id}`, undefined, { name: ROUTES.cancel })
  return expectJson(res, 'cancel booking', 200, { 'answers the booking cancelled': (b) => same(b, booking) })
}

/** The seats of a showing; `expected`: {capacity, booked, available} (fields given must match). Returns them. */
export function seats (date, movieId, expected = {}) {
  const res = get(`/cinema/bookings/showings/${date}/${movieId}`, { name: ROUTES.seats })
  const ok = expectJson(res, 'seats of a showing', 200, {
    'count the seats': (b) => Number.isInteger(b.capacity) && Number.isInteger(b.booked) && b.available === Math.max(0, b.capacity - b.booked) &&
      Object.entries(expected).every(([k, v]) => b[k] === v)
  })
  return ok ? bodyOf(res) : undefined
}
