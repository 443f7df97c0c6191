import { test } from 'tap'
import { MOVIES, startTestCinema } from '@platform/cinema/testing'
import { buildTestApp, type TestApp } from './helper.js'

const add = (app: TestApp, payload: object, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url: '/cinema/users', payload, headers })

test('POST /cinema/users › 201 with the user and Location; GET reads it back; the name again, in any case, is a 409', async (t) => {
  const app = await buildTestApp(t)
  const res = await add(app, { username: 'chris', name: 'Chris Smith' })
  t.equal(res.statusCode, 201)
  t.match(res.json(), { username: 'chris', name: 'Chris Smith', created_at: /^\d{4}-\d\d-\d\dT/ })
  t.equal(res.headers.location, '/cinema/users/chris')
  t.same((await app.inject({ method: 'GET', url: '/cinema/users/chris' })).json(), res.json())
  for (const username of ['chris', 'CHRIS']) {
    const again = await add(app, { username, name: 'Another Chris' })
    t.equal(again.statusCode, 409)
    t.match(again.json(), { code: 'CINEMA_USERS_USER_EXISTS', message: `the username ${username} is taken` })
  }
  t.match((await app.inject({ method: 'GET', url: '/cinema/users/Chris' })).json(), { statusCode: 404, code: 'CINEMA_USERS_USER_NOT_FOUND', message: 'no user Chris' }, 'looked up exactly')
})

test('POST /cinema/users › another token user is a 403; bad input a 400 naming the field; nothing written', async (t) => {
  const app = await buildTestApp(t)
  const forbidden = await add(app, { username: 'chris', name: 'Chris Smith' }, { 'x-auth-user': 'peter' })
  t.equal(forbidden.statusCode, 403)
  t.equal(forbidden.json().code, 'CINEMA_USERS_FORBIDDEN')
  const cases: [object, RegExp][] = [
    [{ username: 'chris' }, /body\/name is required/],
    [{ username: 'chris', name: '\u3164' }, /body\/name must be a name/],
    [{ username: 'chris smith', name: 'Chris' }, /body\/username must be 1..64 letters/],
    [{ username: '..', name: 'Dots' }, /body\/username/],
    [{ username: 'chris', name: 'x'.repeat(101) }, /body\/name must NOT have more than 100 characters/],
    [{ username: 'chris', name: 'Chris', email: 'c@example.com' }, /body\/email is not an allowed field/]
  ]
  for (const [payload, message] of cases) {
    const res = await add(app, payload)
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.match(res.json(), { statusCode: 400, message })
  }
  t.same((await app.inject({ method: 'GET', url: '/cinema/users' })).json(), { users: [], next: null })
})

test('GET /cinema/users › alphabetical ignoring case, paged with after=', async (t) => {
  const app = await buildTestApp(t)
  for (const username of ['peter', 'Dan', 'garret', 'chris', 'Bea']) await add(app, { username, name: username })
  const first = (await app.inject({ method: 'GET', url: '/cinema/users?limit=3' })).json()
  t.same(first.users.map((u: { username: string }) => u.username), ['Bea', 'chris', 'Dan'])
  t.equal(first.next, 'Dan')
  const second = (await app.inject({ method: 'GET', url: `/cinema/users?limit=3&after=${first.next}` })).json()
  t.same(second, { users: second.users, next: null })
  t.same(second.users.map((u: { username: string }) => u.username), ['garret', 'peter'])
  t.equal((await app.inject({ method: 'GET', url: '/cinema/users?limit=101' })).statusCode, 400)
  t.equal((await app.inject({ method: 'GET', url: '/cinema/users?after=a%20b' })).statusCode, 400)
})

test('GET /cinema/users/:username/bookings › the user\'s bookings, newest first, each with its movie from the catalogue', async (t) => {
  const { call } = await startTestCinema(t)
  const { creed, martian } = MOVIES
  for (const movie of [creed, martian]) await call('POST', '/cinema/movies', movie)
  await call('POST', '/cinema/users', { username: 'chris', name: 'Chris Smith' })
  await call('POST', '/cinema/users', { username: 'peter', name: 'Peter Gibbs' })
  t.same((await call('GET', '/cinema/users/peter/bookings')).body, { username: 'peter', name: 'Peter Gibbs', bookings: [], next: null }, 'no booking yet')
  await call('POST', '/cinema/showtimes', { date: '20151201', showings: [{ movie_id: creed.movie_id, capacity: 10 }, { movie_id: martian.movie_id, capacity: 10 }] })
  const one = (await call('POST', '/cinema/bookings', { username: 'chris', date: '20151201', movie_id: creed.movie_id, seats: 2 })).body
  const two = (await call('POST', '/cinema/bookings', { username: 'chris', date: '20151201', movie_id: martian.movie_id, seats: 1 })).body
  // What the bookings service answered, less the username, plus the movie.
  const view = (booking: typeof one, movie: { title: string, director: string, rating: number } | null) => {
    const { username, ...rest } = booking
    return { ...rest, movie }
  }
  const res = await call('GET', '/cinema/users/chris/bookings')
  t.equal(res.status, 200)
  t.same(res.body, {
    username: 'chris',
    name: 'Chris Smith',
    bookings: [view(two, { title: 'The Martian', director: 'Ridley Scott', rating: 8.2 }), view(one, { title: 'Creed', director: 'Ryan Coogler', rating: 8.8 })],
    next: null
  })

  const first = (await call('GET', '/cinema/users/chris/bookings?limit=1')).body
  t.equal(first.bookings[0].booking_id, two.booking_id)
  t.same((await call('GET', `/cinema/users/chris/bookings?limit=1&before=${first.next}`)).body.bookings.map((b: { booking_id: string }) => b.booking_id), [one.booking_id], 'paged like the bookings service')

  await call('DELETE', `/cinema/movies/${martian.movie_id}`)
  t.equal((await call('GET', '/cinema/users/chris/bookings')).body.bookings[0].movie, null, 'a movie gone from the catalogue is null')

  t.match((await call('GET', '/cinema/users/nobody/bookings')).body, { statusCode: 404, code: 'CINEMA_USERS_USER_NOT_FOUND' })
  t.match((await call('GET', '/cinema/users/chris/bookings?before=nope')).body, { statusCode: 400, code: 'CINEMA_USERS_BAD_CURSOR' })
  t.equal((await call('GET', '/cinema/users/chris/bookings?limit=51')).status, 400)
})

test('GET /cinema/users/:username/bookings › a 503 naming the service when bookings or movies cannot be asked', async (t) => {
  const cinema = await startTestCinema(t)
  const { call } = cinema
  await call('POST', '/cinema/movies', MOVIES.creed)
  await call('POST', '/cinema/users', { username: 'chris', name: 'Chris Smith' })
  await call('POST', '/cinema/showtimes', { date: '20151201', showings: [{ movie_id: MOVIES.creed.movie_id, capacity: 10 }] })
  await call('POST', '/cinema/bookings', { username: 'chris', date: '20151201', movie_id: MOVIES.creed.movie_id, seats: 2 })
  cinema.gateway.unmount(cinema.bookings)
  t.match((await call('GET', '/cinema/users/chris/bookings')).body, { statusCode: 503, code: 'CINEMA_USERS_UPSTREAM_UNAVAILABLE', message: /^\/cinema\/bookings\/chris/ })
  cinema.gateway.mount(cinema.bookings)
  cinema.gateway.unmount(cinema.movies)
  t.match((await call('GET', '/cinema/users/chris/bookings')).body, { statusCode: 503, message: /^\/cinema\/movies\?movie_id=/ })
})
