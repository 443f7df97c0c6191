import { test } from 'tap'
import { bookableCinema, creed, DAY, martian, seatsOf, spectre } from './cinema.js'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

test('POST /cinema/bookings › 201 with the booking and its Location; it reads back alone, in the user\'s list and in everyone\'s', async (t) => {
  const cinema = await bookableCinema(t)
  const res = await cinema.call('POST', '/cinema/bookings', { username: 'chris', date: '20151201', movie_id: creed.movie_id, seats: 2 })
  t.equal(res.status, 201)
  t.match(res.body, { booking_id: UUID_RE, username: 'chris', date: DAY, movie_id: creed.movie_id, seats: 2 })
  t.equal(res.location, `/cinema/bookings/chris/${res.body.booking_id}`)
  t.same((await cinema.call('GET', res.location!)).body, res.body)
  t.same((await cinema.call('GET', '/cinema/bookings/chris')).body, { username: 'chris', bookings: [res.body], next: null })
  t.same((await cinema.call('GET', '/cinema/bookings')).body, { bookings: [res.body], next: null })
  t.same(await seatsOf(cinema, creed.movie_id), { date: DAY, movie_id: creed.movie_id, capacity: 10, booked: 2, available: 8 })
})

test('POST /cinema/bookings › 404 for an unknown user, a day not on the programme or a movie not shown that day; nothing is booked', async (t) => {
  const cinema = await bookableCinema(t)
  const cases: [object, string, string][] = [
    [{ username: 'nobody' }, 'CINEMA_BOOKINGS_USER_NOT_FOUND', 'no user nobody'],
    [{ date: '20151205' }, 'CINEMA_BOOKINGS_SHOWTIME_NOT_FOUND', 'no showtimes on 2015-12-05'],
    [{ movie_id: spectre.movie_id }, 'CINEMA_BOOKINGS_MOVIE_NOT_SHOWN', `movie ${spectre.movie_id} is not shown on ${DAY}`]
  ]
  for (const [change, code, message] of cases) {
    const res = await cinema.call('POST', '/cinema/bookings', { username: 'chris', date: DAY, movie_id: creed.movie_id, seats: 1, ...change })
    t.equal(res.status, 404, code)
    t.match(res.body, { statusCode: 404, code, message })
  }
  t.same((await cinema.call('GET', '/cinema/bookings')).body.bookings, [])
  t.equal((await seatsOf(cinema, creed.movie_id)).booked, 0)
})

test('POST /cinema/bookings › 409 when fewer seats are left than asked, and when the user has booked the showing already', async (t) => {
  const cinema = await bookableCinema(t)
  const book = (username: string, seats: number) => cinema.call('POST', '/cinema/bookings', { username, date: DAY, movie_id: martian.movie_id, seats })
  const first = await book('chris', 3)
  t.equal(first.status, 201)
  const tooMany = await book('peter', 3)
  t.equal(tooMany.status, 409)
  t.match(tooMany.body, { code: 'CINEMA_BOOKINGS_SOLD_OUT', message: `movie ${martian.movie_id} on ${DAY} is sold out: 2 seats left, 3 asked` })
  const again = await book('chris', 1)
  t.equal(again.status, 409)
  t.match(again.body, { code: 'CINEMA_BOOKINGS_ALREADY_BOOKED', message: `chris has booked movie ${martian.movie_id} on ${DAY} already (booking ${first.body.booking_id})` })
  t.equal((await book('peter', 2)).status, 201, 'the last two seats')
  t.same(await seatsOf(cinema, martian.movie_id), { date: DAY, movie_id: martian.movie_id, capacity: 5, booked: 5, available: 0 })
  await cinema.call('POST', '/cinema/users', { username: 'dan', name: 'Dan Lockhart' })
  t.match((await book('dan', 1)).body, { statusCode: 409, code: 'CINEMA_BOOKINGS_SOLD_OUT', message: /0 seats left, 1 asked/ })
})

test('a capacity lowered below the seats booked leaves the showing sold out: available is 0, never below', async (t) => {
  const cinema = await bookableCinema(t)
  t.equal((await cinema.call('POST', '/cinema/bookings', { username: 'chris', date: DAY, movie_id: creed.movie_id, seats: 8 })).status, 201)
  t.equal((await cinema.call('PUT', `/cinema/showtimes/${DAY}`, { showings: [{ movie_id: creed.movie_id, capacity: 5 }] })).status, 200)
  t.same(await seatsOf(cinema, creed.movie_id), { date: DAY, movie_id: creed.movie_id, capacity: 5, booked: 8, available: 0 })
  t.equal((await cinema.call('POST', '/cinema/bookings', { username: 'peter', date: DAY, movie_id: creed.movie_id, seats: 1 })).body.code, 'CINEMA_BOOKINGS_SOLD_OUT')
  t.equal((await seatsOf(cinema, martian.movie_id)).code, 'CINEMA_BOOKINGS_MOVIE_NOT_SHOWN', 'The Martian left the programme')
})

test('DELETE /cinema/bookings/:username/:booking_id › cancels: 200 with the booking, its seats free again, the user may book again', async (t) => {
  const cinema = await bookableCinema(t)
  const booking = (await cinema.call('POST', '/cinema/bookings', { username: 'chris', date: DAY, movie_id: martian.movie_id, seats: 5 })).body
  t.equal((await seatsOf(cinema, martian.movie_id)).available, 0)
  const url = `/cinema/bookings/chris/${booking.booking_id}`
  t.equal((await cinema.call('DELETE', `/cinema/bookings/peter/${booking.booking_id}`)).status, 404, 'only under its own user')
  const res = await cinema.call('DELETE', url)
  t.equal(res.status, 200)
  t.same(res.body, booking)
  t.equal((await seatsOf(cinema, martian.movie_id)).available, 5)
  t.match((await cinema.call('GET', url)).body, { statusCode: 404, code: 'CINEMA_BOOKINGS_BOOKING_NOT_FOUND', message: `chris has no booking ${booking.booking_id}` })
  t.equal((await cinema.call('DELETE', url)).status, 404)
  t.equal((await cinema.call('POST', '/cinema/bookings', { username: 'chris', date: DAY, movie_id: martian.movie_id, seats: 1 })).status, 201)
})

test('writes that name a user are that user\'s: another token user is a 403 and changes nothing', async (t) => {
  const cinema = await bookableCinema(t)
  const asPeter = { 'x-auth-user': 'peter' }
  const refused = await cinema.call('POST', '/cinema/bookings', { username: 'chris', date: DAY, movie_id: creed.movie_id, seats: 1 }, asPeter)
  t.equal(refused.status, 403)
  t.match(refused.body, { code: 'CINEMA_BOOKINGS_FORBIDDEN', message: 'peter may not act as chris' })
  const booking = (await cinema.call('POST', '/cinema/bookings', { username: 'chris', date: DAY, movie_id: creed.movie_id, seats: 1 }, { 'x-auth-user': 'Chris' })).body
  t.equal(booking.username, 'chris', 'the same user whatever the letter case')
  t.equal((await cinema.call('DELETE', `/cinema/bookings/chris/${booking.booking_id}`, undefined, asPeter)).status, 403)
  t.equal((await seatsOf(cinema, creed.movie_id)).booked, 1)
})

test('POST /cinema/bookings › bad input is a 400 naming the field', async (t) => {
  const cinema = await bookableCinema(t)
  const good = { username: 'chris', date: DAY, movie_id: creed.movie_id, seats: 1 }
  const cases: [object, RegExp][] = [
    [{ ...good, seats: 0 }, /body\/seats must be >= 1/],
    [{ ...good, seats: 11 }, /body\/seats must be <= 10/],
    [{ ...good, seats: '2' }, /body\/seats must be integer/],
    [{ ...good, seats: 1.5 }, /body\/seats must be integer/],
    [{ ...good, date: '20151301' }, /body\/date is not a calendar date: "20151301"/],
    [{ ...good, date: 'tomorrow' }, /body\/date must be a show date/],
    [{ ...good, movie_id: 'Creed' }, /body\/movie_id must be a UUID/],
    [{ ...good, username: 'chris smith' }, /body\/username/],
    [{ ...good, price: 12 }, /body\/price is not an allowed field/],
    [{ username: 'chris', date: DAY, seats: 1 }, /body\/movie_id is required/]
  ]
  for (const [payload, message] of cases) {
    const res = await cinema.call('POST', '/cinema/bookings', payload)
    t.equal(res.status, 400, JSON.stringify(payload))
    t.match(res.body, { statusCode: 400, message })
  }
  t.same((await cinema.call('GET', '/cinema/bookings')).body.bookings, [])
})

test('GET /cinema/bookings/:username › empty for a user with no booking, 404 for an unknown one, paged newest first', async (t) => {
  const cinema = await bookableCinema(t)
  t.same((await cinema.call('GET', '/cinema/bookings/peter')).body, { username: 'peter', bookings: [], next: null })
  t.match((await cinema.call('GET', '/cinema/bookings/nobody')).body, { statusCode: 404, code: 'CINEMA_BOOKINGS_USER_NOT_FOUND' })
  const days = ['2015-12-02', '2015-12-03', '2015-12-04']
  for (const date of days) {
    await cinema.call('POST', '/cinema/showtimes', { date, showings: [{ movie_id: creed.movie_id, capacity: 10 }] })
    t.equal((await cinema.call('POST', '/cinema/bookings', { username: 'chris', date, movie_id: creed.movie_id, seats: 1 })).status, 201)
  }
  const first = (await cinema.call('GET', '/cinema/bookings/chris?limit=2')).body
  t.same(first.bookings.map((b: { date: string }) => b.date), ['2015-12-04', '2015-12-03'])
  const second = (await cinema.call('GET', `/cinema/bookings/chris?limit=2&before=${first.next}`)).body
  t.same(second.bookings.map((b: { date: string }) => b.date), ['2015-12-02'])
  t.equal(second.next, null)
  t.equal((await cinema.call('GET', '/cinema/bookings?before=nope')).body.code, 'CINEMA_BOOKINGS_BAD_CURSOR')
  t.equal((await cinema.call('GET', '/cinema/bookings?limit=101')).status, 400)
})

test('a user named like a path word still has their bookings: /cinema/bookings/showings is the user "showings"', async (t) => {
  const cinema = await bookableCinema(t)
  await cinema.call('POST', '/cinema/users', { username: 'showings', name: 'A Tricky Name' })
  const booking = (await cinema.call('POST', '/cinema/bookings', { username: 'showings', date: DAY, movie_id: creed.movie_id, seats: 1 })).body
  t.same((await cinema.call('GET', '/cinema/bookings/showings')).body, { username: 'showings', bookings: [booking], next: null })
  t.same((await cinema.call('GET', `/cinema/bookings/showings/${booking.booking_id}`)).body, booking)
})

test('GET /cinema/bookings/showings/:date/:movie_id › 404 for a day or movie not on the programme, 400 for a bad date', async (t) => {
  const cinema = await bookableCinema(t)
  t.equal((await seatsOf(cinema, creed.movie_id, '20151202')).code, 'CINEMA_BOOKINGS_SHOWTIME_NOT_FOUND')
  t.equal((await seatsOf(cinema, spectre.movie_id)).code, 'CINEMA_BOOKINGS_MOVIE_NOT_SHOWN')
  t.equal((await seatsOf(cinema, creed.movie_id, '20151232')).code, 'CINEMA_BOOKINGS_BAD_DATE')
  t.same(await seatsOf(cinema, creed.movie_id, '20151201'), { date: DAY, movie_id: creed.movie_id, capacity: 10, booked: 0, available: 10 })
})

test('POST /cinema/bookings › when the users or showtimes service is away the answer is a 503 naming it, and nothing is booked', async (t) => {
  const cinema = await bookableCinema(t)
  const good = { username: 'chris', date: DAY, movie_id: creed.movie_id, seats: 1 }
  cinema.gateway.unmount(cinema.users)
  const noUsers = await cinema.call('POST', '/cinema/bookings', good)
  t.equal(noUsers.status, 503)
  t.match(noUsers.body, { code: 'CINEMA_BOOKINGS_UPSTREAM_UNAVAILABLE', message: /^\/cinema\/users\/chris did not answer/ })
  cinema.gateway.mount(cinema.users)
  cinema.gateway.unmount(cinema.showtimes)
  const noShowtimes = await cinema.call('POST', '/cinema/bookings', good)
  t.equal(noShowtimes.status, 503)
  t.match(noShowtimes.body, { message: /^\/cinema\/showtimes\/2015-12-01 did not answer/ })
  cinema.gateway.mount(cinema.showtimes)
  t.equal((await seatsOf(cinema, creed.movie_id)).booked, 0)
})
