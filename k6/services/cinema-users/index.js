// Cinema users: smoke (every endpoint once), negative cases, and its part of the user journey.
import { group } from 'k6'
import exec from 'k6/execution'
import { uniqueName, randomToken } from '../../lib/data.js'
import { runCases } from '../../lib/negative.js'
import { createCinemaUser, getCinemaUser, listCinemaUsers, userBookings } from './client.js'

export function smoke () {
  group('cinema users', () => {
    const user = createCinemaUser(uniqueName('k6smoke'), 'Chris Smith')
    if (!user) return
    getCinemaUser(user)
    const page = listCinemaUsers({ limit: 2 })
    if (page && page.next) listCinemaUsers({ limit: 2, after: page.next })
    userBookings(user, [])
  })
}

export const negative = {
  setup () {
    const victim = createCinemaUser(uniqueName('k6neg'), 'Peter Gibbs')
    if (!victim) throw new Error('cinema users negative setup: could not create the victim')
    return { victim }
  },
  run ({ victim }) {
    const ghost = `k6neg-${randomToken(12)}`
    const bad = (label, body, status = 400, code) => ({ method: 'POST', path: '/cinema/users', label: `cinema users: ${label}`, body, status, code })
    group('cinema users: bogus requests', () =>
      runCases([
        bad('malformed JSON', '{"username":'),
        bad('missing name', { username: ghost }),
        bad('blank name', { username: ghost, name: '   ' }),
        bad('name too long', { username: ghost, name: 'x'.repeat(101) }),
        bad('name is a number', { username: ghost, name: 7 }),
        bad('username with a space', { username: 'chris smith', name: 'Chris' }),
        bad('username ..', { username: '..', name: 'Dots' }),
        bad('injection as username', { username: "x' OR '1'='1", name: 'X' }),
        bad('unknown field', { username: ghost, name: 'X', email: 'x@example.com' }),
        bad('taken name, other case', { username: victim.username.toUpperCase(), name: 'Another' }, 409, 'CINEMA_USERS_USER_EXISTS'),
        bad('huge body', JSON.stringify({ username: ghost, name: 'x'.repeat(1 << 20) }), 413),
        { method: 'GET', path: `/cinema/users/${ghost}`, label: 'cinema users: unknown user', status: 404, code: 'CINEMA_USERS_USER_NOT_FOUND' },
        { method: 'GET', path: `/cinema/users/${ghost}/bookings`, label: 'cinema users: bookings of unknown user', status: 404, code: 'CINEMA_USERS_USER_NOT_FOUND' },
        { method: 'GET', path: `/cinema/users/${victim.username}/bookings?before=AAAAAAAA`, label: 'cinema users: forged bookings cursor', status: 400, code: 'CINEMA_USERS_BAD_CURSOR' },
        { method: 'GET', path: `/cinema/users/${victim.username}/bookings?limit=51`, label: 'cinema users: bookings limit 51', status: 400 },
        { method: 'GET', path: '/cinema/users/with%20space', label: 'cinema users: malformed name in path', status: 400 },
        { method: 'GET', path: '/cinema/users?limit=0', label: 'cinema users: limit 0', status: 400 },
        { method: 'GET', path: '/cinema/users?after=a%20b', label: 'cinema users: bad after', status: 400 },
        { method: 'DELETE', path: `/cinema/users/${victim.username}`, label: 'cinema users: no delete', status: 404 }
      ])
    )
    group('cinema users: data unchanged afterwards', () => getCinemaUser(victim))
  }
}

// The journey's users part: one cinema user per VU, who now and then looks at their bookings.
let me
export function journey () {
  if (!me) {
    const user = createCinemaUser(uniqueName('k6load', exec.vu.idInTest), 'A Load Tester')
    if (user) me = user
    return
  }
  if (Math.random() < 0.1) userBookings(me)
}
