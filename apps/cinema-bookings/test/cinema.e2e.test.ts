// End to end: the four cinema services as the Procfile starts them (bookings twice, on one
// database), behind the real Traefik, reading each other through the gateway they were given.
import t from 'tap'
import { call as callAt, countBy, signUp, testStack, type TestAccount } from '@platform/stack/testing'

t.setTimeout(240_000)

const stack = await testStack(t, { formation: 'cinema-movies=1,cinema-showtimes=1,cinema-users=1,cinema-bookings=2,users=1' })
const gw = stack.baseUrl

// Writes through the gateway carry a token: the staff's for the catalogue, each customer's own for bookings.
let staff: TestAccount
const call = (method: string, path: string, body?: unknown, as?: TestAccount) => callAt(gw, method, path, body, method === 'GET' ? undefined : (as ?? staff))

const CREED = { movie_id: '267eedb8-0f5d-42d5-8f43-72426b9fb3e6', title: 'Creed', director: 'Ryan Coogler', rating: 8.8 }
const VICTORIA = { movie_id: '7daf7208-be4d-4944-a3ae-c1c2f516f3e6', title: 'Victoria', director: 'Sebastian Schipper', rating: 7.7 }

t.test('a day at the cinema through the gateway: catalogue, programme, customers, a booking, its view and its cancellation', async (t) => {
  staff = await signUp(gw, 'box_office')
  const chris = await signUp(gw, 'chris')
  for (const movie of [CREED, VICTORIA]) {
    const res = await call('POST', '/cinema/movies', movie)
    t.equal(res.status, 201)
    t.match(res.instance, /^cinema-movies@/)
  }
  const ghost = '00000000-0000-4000-8000-00000000dead'
  const refused = await call('POST', '/cinema/showtimes', { date: '20151201', showings: [{ movie_id: CREED.movie_id, capacity: 100 }, { movie_id: ghost, capacity: 5 }] })
  t.equal(refused.status, 404, 'showtimes asked movies through the gateway and found one missing')
  t.match(refused.body, { code: 'CINEMA_SHOWTIMES_MOVIE_NOT_FOUND', message: new RegExp(ghost) })
  const day = await call('POST', '/cinema/showtimes', { date: '20151201', showings: [{ movie_id: CREED.movie_id, capacity: 100 }, { movie_id: VICTORIA.movie_id, capacity: 40 }] })
  t.equal(day.status, 201)
  t.equal(day.location, '/cinema/showtimes/2015-12-01')
  t.match(day.instance, /^cinema-showtimes@/)
  t.equal((await call('POST', '/cinema/users', { username: 'chris', name: 'Chris Smith' }, chris)).status, 201, 'a customer registers themself')

  const booking = await call('POST', '/cinema/bookings', { username: 'chris', date: '20151201', movie_id: VICTORIA.movie_id, seats: 2 }, chris)
  t.equal(booking.status, 201, 'bookings asked users and showtimes through the gateway')
  t.match(booking.instance, /^cinema-bookings@/)
  t.equal(booking.location, `/cinema/bookings/chris/${booking.body.booking_id}`)
  t.match((await call('GET', '/cinema/bookings/showings/2015-12-01/' + VICTORIA.movie_id)).body, { capacity: 40, booked: 2, available: 38 })
  t.equal((await call('POST', '/cinema/bookings', { username: 'chris', date: '20151201', movie_id: VICTORIA.movie_id, seats: 2 }, staff)).status, 403, 'nobody books for someone else')
  const nobody = await signUp(gw, 'nobody')
  t.equal((await call('POST', '/cinema/bookings', { username: 'nobody', date: '20151201', movie_id: VICTORIA.movie_id, seats: 2 }, nobody)).body.code, 'CINEMA_BOOKINGS_USER_NOT_FOUND', 'an account that is no cinema customer')

  const view = await call('GET', '/cinema/users/chris/bookings')
  t.equal(view.status, 200, 'users asked bookings and movies through the gateway')
  t.match(view.body, { username: 'chris', name: 'Chris Smith', bookings: [{ booking_id: booking.body.booking_id, date: '2015-12-01', seats: 2, movie: { title: 'Victoria', director: 'Sebastian Schipper' } }] })

  const cancelled = await call('DELETE', booking.location!, undefined, chris)
  t.equal(cancelled.status, 200)
  t.match((await call('GET', '/cinema/bookings/showings/20151201/' + VICTORIA.movie_id)).body, { booked: 0, available: 40 }, 'its seats are free again')
})

// Each fan books as themself, so each signs up first (a password hash each): 60 here; the
// in-process and two-process tests of the bookings service race 200.
t.test('60 bookings at once of the last 10 seats, over both bookings instances: exactly 10 are made', async (t) => {
  await call('POST', '/cinema/showtimes', { date: '2015-12-02', showings: [{ movie_id: CREED.movie_id, capacity: 10 }] })
  const fans = await Promise.all(Array.from({ length: 60 }, (_, i) => signUp(gw, `fan_${i}`)))
  for (const fan of fans) await call('POST', '/cinema/users', { username: fan.username, name: 'A Fan' }, fan)
  const answers = await Promise.all(fans.map((fan) => call('POST', '/cinema/bookings', { username: fan.username, date: '2015-12-02', movie_id: CREED.movie_id, seats: 1 }, fan)))
  t.same(countBy(answers, (a) => `${a.status} ${a.body.code ?? ''}`.trim()), { 201: 10, '409 CINEMA_BOOKINGS_SOLD_OUT': 50 })
  t.equal(new Set(answers.map((a) => a.instance)).size, 2, 'both instances booked')
  t.match((await call('GET', `/cinema/bookings/showings/2015-12-02/${CREED.movie_id}`)).body, { capacity: 10, booked: 10, available: 0 })
})

t.test('each cinema service documents itself through the gateway', async (t) => {
  for (const prefix of ['/cinema/movies', '/cinema/showtimes', '/cinema/users', '/cinema/bookings']) {
    const spec = await call('GET', `${prefix}/openapi.json`)
    t.equal(spec.status, 200, prefix)
    t.ok(Object.keys(spec.body.paths).filter((p) => !p.startsWith('/health')).every((p) => p.startsWith(prefix)), `${prefix} documents its own paths`)
  }
})
