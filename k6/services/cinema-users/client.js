// The cinema's users service as a client uses it; each call checks the body it gets.
import { get, post, bodyOf, encode } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'

export const ROUTES = {
  create: 'POST /cinema/users',
  list: 'GET /cinema/users',
  get: 'GET /cinema/users/{username}',
  bookings: 'GET /cinema/users/{username}/bookings'
}

const isUser = (b) => typeof b.username === 'string' && typeof b.name === 'string' && !Number.isNaN(Date.parse(b.created_at))

export function createCinemaUser (username, name) {
  const res = post('/cinema/users', { username, name }, { name: ROUTES.create })
  const ok = expectJson(res, 'create cinema user', 201, {
    'is the user sent': (b) => isUser(b) && b.username === username && b.name === name,
    'Location names it': (_, r) => r.headers.Location === `/cinema/users/${encode(username)}`
  })
  return ok ? bodyOf(res) : undefined
}

export function getCinemaUser (user) {
  const res = get(`/cinema/users/${encode(user.username)}`, { name: ROUTES.get })
  return expectJson(res, 'get cinema user', 200, { 'is the user': (b) => b.username === user.username && b.name === user.name })
}

/** A page in alphabetical order (ignoring case) after `after`; returns it. */
export function listCinemaUsers ({ limit, after } = {}) {
  const query = [limit && `limit=${limit}`, after && `after=${encode(after)}`].filter(Boolean).join('&')
  const res = get(`/cinema/users${query ? `?${query}` : ''}`, { name: ROUTES.list })
  const max = limit || 20
  const lower = (u) => u.username.toLowerCase()
  const ok = expectJson(res, 'list cinema users', 200, {
    [`a page of at most ${max}`]: (b) => Array.isArray(b.users) && b.users.length <= max && b.users.every(isUser),
    'alphabetical, ignoring case': (b) => b.users.every((u, i) => i === 0 || lower(b.users[i - 1]) < lower(u))
  })
  return ok ? bodyOf(res) : undefined
}

/** The user's bookings with their movies; `expected`: [{booking_id, title, seats}] newest first (undefined: any). */
export function userBookings (user, expected) {
  const res = get(`/cinema/users/${encode(user.username)}/bookings`, { name: ROUTES.bookings })
  return expectJson(res, 'cinema user bookings', 200, {
    'are the user\'s bookings with their movies': (b) => b.username === user.username && b.name === user.name && Array.isArray(b.bookings) &&
      (expected === undefined || (b.bookings.length === expected.length && b.bookings.every((x, i) =>
        x.booking_id === expected[i].booking_id && x.seats === expected[i].seats && (x.movie ? x.movie.title : null) === expected[i].title)))
  })
}
