// Cinema bookings: smoke (every endpoint once), negative cases with the sold-out race, and its
// part of the user journey.
import { signInAll } from '../../lib/auth.js'
import { group, check } from 'k6'
import exec from 'k6/execution'
import { batch, bodyOf, expectStatuses } from '../../lib/http.js'
import { runCases } from '../../lib/negative.js'
import { pick, uniqueName } from '../../lib/data.js'
import { createCinemaUser, userBookings } from '../cinema-users/client.js'
import { listShowtimes, compact } from '../cinema-showtimes/client.js'
import { book, tryBook, getBooking, bookingsOf, listBookings, cancelBooking, seats, ROUTES } from './client.js'
import { cinemaFixture } from './fixture.js'

export function smoke () {
  group('cinema bookings', () => {
    const f = cinemaFixture({ capacities: [5], prefix: 'k6smoke' })
    if (!f) return
    const [movie] = f.movies
    const [user] = f.users
    const booking = book({ username: user.username, date: compact(f.day.date), movie_id: movie.movie_id, seats: 2 }, f.day.date)
    if (!booking) return
    getBooking(booking)
    bookingsOf(user.username, [booking.booking_id])
    listBookings({ limit: 5 })
    seats(f.day.date, movie.movie_id, { capacity: 5, booked: 2, available: 3 })
    userBookings(user, [{ booking_id: booking.booking_id, seats: 2, title: movie.title }])
    cancelBooking(booking)
    seats(compact(f.day.date), movie.movie_id, { booked: 0, available: 5 })
  })
}

const RACERS = 30
const RACE_SEATS = 10

export const negative = {
  setup () {
    // A day showing one movie (10 seats) and not another; a victim with a booking of 2 seats;
    // a second day of 10 seats and 30 users to race for them.
    const f = cinemaFixture({ capacities: [10], users: 1, prefix: 'k6neg' })
    const notShown = cinemaFixture({ capacities: [5], users: 0, prefix: 'k6neg' })
    const race = cinemaFixture({ capacities: [RACE_SEATS], users: RACERS, prefix: 'k6race' })
    if (!f || !notShown || !race) throw new Error('cinema bookings negative setup: could not build the cinema')
    const victim = book({ username: f.users[0].username, date: f.day.date, movie_id: f.movies[0].movie_id, seats: 2 }, f.day.date)
    if (!victim) throw new Error('cinema bookings negative setup: could not book')
    return { day: f.day.date, movie: f.movies[0].movie_id, other: notShown.movies[0].movie_id, victim, race: { day: race.day.date, movie: race.movies[0].movie_id, users: race.users.map((u) => u.username) } }
  },
  run ({ day, movie, other, victim, race }) {
    const good = { username: victim.username, date: compact(day), movie_id: movie, seats: 1 }
    const post = (label, body, status = 400, code) => ({ method: 'POST', path: '/cinema/bookings', label: `cinema bookings: ${label}`, body, status, code })
    const ghost = uniqueName('k6ghost')
    const unknownId = '00000000-0000-4000-8000-00000000beef'
    group('cinema bookings: bogus requests', () =>
      runCases([
        post('malformed JSON', '{"username":'),
        post('body is an array', '[]'),
        ...['username', 'date', 'movie_id', 'seats'].map((k) => post(`missing ${k}`, { ...good, [k]: undefined })),
        post('unknown user', { ...good, username: ghost }, 404, 'CINEMA_BOOKINGS_USER_NOT_FOUND'),
        post('day not on the programme', { ...good, date: '20000101' }, 404, 'CINEMA_BOOKINGS_SHOWTIME_NOT_FOUND'),
        post('movie not shown that day', { ...good, movie_id: other }, 404, 'CINEMA_BOOKINGS_MOVIE_NOT_SHOWN'),
        post('unknown movie', { ...good, movie_id: unknownId }, 404, 'CINEMA_BOOKINGS_MOVIE_NOT_SHOWN'),
        post('same showing again', good, 409, 'CINEMA_BOOKINGS_ALREADY_BOOKED'),
        post('0 seats', { ...good, seats: 0 }),
        post('11 seats', { ...good, seats: 11 }),
        post('-1 seats', { ...good, seats: -1 }),
        post('1.5 seats', { ...good, seats: 1.5 }),
        post('seats as text', { ...good, seats: '2' }),
        post('2^53 seats', { ...good, seats: 9007199254740992 }),
        post('impossible date', { ...good, date: '20151332' }, 400, 'CINEMA_BOOKINGS_BAD_DATE'),
        post('date as a word', { ...good, date: 'tomorrow' }),
        post('malformed movie id', { ...good, movie_id: 'Creed' }),
        post('injection as username', { ...good, username: "chris'; DELETE FROM bookings;--" }),
        post('unknown field', { ...good, price: 0 }),
        post('huge body', JSON.stringify({ ...good, pad: 'x'.repeat(1 << 20) }), 413),
        { method: 'GET', path: `/cinema/bookings/${victim.username}/${unknownId}`, label: 'cinema bookings: unknown booking', status: 404, code: 'CINEMA_BOOKINGS_BOOKING_NOT_FOUND' },
        { method: 'GET', path: `/cinema/bookings/${ghost}/${victim.booking_id}`, label: 'cinema bookings: booking under another user', status: 404, code: 'CINEMA_BOOKINGS_BOOKING_NOT_FOUND' },
        { method: 'DELETE', path: `/cinema/bookings/${ghost}/${victim.booking_id}`, label: 'cinema bookings: cancel under another user', status: 404, code: 'CINEMA_BOOKINGS_BOOKING_NOT_FOUND' },
        { method: 'DELETE', path: `/cinema/bookings/${victim.username}/not-a-uuid`, label: 'cinema bookings: cancel malformed id', status: 400 },
        { method: 'GET', path: `/cinema/bookings/${ghost}`, label: 'cinema bookings: bookings of unknown user', status: 404, code: 'CINEMA_BOOKINGS_USER_NOT_FOUND' },
        { method: 'GET', path: '/cinema/bookings?before=AAAAAAAA', label: 'cinema bookings: forged cursor', status: 400, code: 'CINEMA_BOOKINGS_BAD_CURSOR' },
        { method: 'GET', path: '/cinema/bookings?limit=0', label: 'cinema bookings: limit 0', status: 400 },
        { method: 'GET', path: '/cinema/bookings?limit=101', label: 'cinema bookings: limit 101', status: 400 },
        { method: 'GET', path: `/cinema/bookings/showings/20151332/${movie}`, label: 'cinema bookings: seats of an impossible date', status: 400, code: 'CINEMA_BOOKINGS_BAD_DATE' },
        { method: 'GET', path: `/cinema/bookings/showings/20000101/${movie}`, label: 'cinema bookings: seats of a day not shown', status: 404, code: 'CINEMA_BOOKINGS_SHOWTIME_NOT_FOUND' },
        { method: 'GET', path: `/cinema/bookings/showings/${day}/${other}`, label: 'cinema bookings: seats of a movie not shown', status: 404, code: 'CINEMA_BOOKINGS_MOVIE_NOT_SHOWN' }
      ])
    )

    group('cinema bookings: sold-out race', () => {
      // 30 people press "book" at the same moment for the 10 seats of a showing: exactly 10 get one.
      signInAll(race.users)
      const answers = batch(race.users.map((username) => ({
        method: 'POST',
        path: '/cinema/bookings',
        body: { username, date: race.day, movie_id: race.movie, seats: 1 },
        name: `${ROUTES.book} (race)`,
        expect: expectStatuses(201, 409)
      })))
      const made = answers.filter((r) => r.status === 201).length
      const soldOut = answers.filter((r) => r.status === 409 && (bodyOf(r) || {}).code === 'CINEMA_BOOKINGS_SOLD_OUT').length
      check(null, {
        [`sold-out race: exactly ${RACE_SEATS} of ${RACERS} booked`]: () => made === RACE_SEATS,
        [`sold-out race: the other ${RACERS - RACE_SEATS} told it is sold out`]: () => soldOut === RACERS - RACE_SEATS
      })
      seats(race.day, race.movie, { capacity: RACE_SEATS, booked: RACE_SEATS, available: 0 })
      runCases([{ method: 'POST', path: '/cinema/bookings', label: 'cinema bookings: one more after the race', body: { username: victim.username, date: race.day, movie_id: race.movie, seats: 1 }, status: 409, code: 'CINEMA_BOOKINGS_SOLD_OUT' }])
    })

    group('cinema bookings: data unchanged afterwards', () => {
      getBooking(victim)
      bookingsOf(victim.username, [victim.booking_id])
      seats(day, movie, { capacity: 10, booked: 2, available: 8 })
    })
  }
}

// The journey's bookings part: a cinema-goer per VU who looks at the programme, books a seat or
// two of a showing that has some left, and sometimes cancels. Sold out and booked already are
// answers a busy cinema gives: expected, checked, not failures.
let me
let mine = []
let programme = []
export function journey () {
  const vu = exec.vu.idInTest
  if (!me) {
    me = createCinemaUser(uniqueName('k6load', vu), 'A Cinema Goer')
    return
  }
  const roll = Math.random()
  if (roll < 0.05 || programme.length === 0) {
    const page = listShowtimes({ limit: 20 })
    programme = page ? page.showtimes.filter((d) => d.showings.length > 0) : []
    if (programme.length === 0 && vu === 1) cinemaFixture({ capacities: [500, 500], users: 0, prefix: 'k6load', vu })
  } else if (roll < 0.15) {
    const day = pick(programme)
    const showing = pick(day.showings)
    const free = seats(day.date, showing.movie_id)
    if (!free || free.available === 0) return
    const res = tryBook({ username: me.username, date: compact(day.date), movie_id: showing.movie_id, seats: 1 + Math.floor(Math.random() * 2) })
    const body = bodyOf(res) || {}
    check(res, {
      'journey booking: made, or refused as sold out or booked already': (r) => r.status === 201 ||
        (r.status === 409 && ['CINEMA_BOOKINGS_SOLD_OUT', 'CINEMA_BOOKINGS_ALREADY_BOOKED'].includes(body.code))
    })
    if (res.status === 201) mine = [body, ...mine].slice(0, 10)
  } else if (roll < 0.2 && mine.length) {
    const [booking, ...rest] = mine
    if (cancelBooking(booking)) mine = rest
  } else if (roll < 0.25) {
    bookingsOf(me.username)
  }
}
