import { PassThrough } from 'node:stream'
import { test } from 'tap'
import { CinemaClient } from '../src/client.js'
import { runCommand } from '../src/commands.js'
import { colorsFor } from '../src/render.js'
import { designCinema, PASSWORD } from './helper.js'

/** One command as a script runs it, with these environment variables: what it printed and its exit code. */
async function runWith (env: Record<string, string>, client: CinemaClient, ...argv: string[]) {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c) => (out += c))
  stderr.on('data', (c) => (err += c))
  const code = await runCommand(argv, client, { stdout, stderr, colors: colorsFor({ isTTY: false }, {}), env })
  return { code, out, err, json: () => JSON.parse(out) }
}
const run = (client: CinemaClient, ...argv: string[]) => runWith({}, client, ...argv)
/** The seed's accounts' password, as a script passes it. */
const SIGNED = ['--password', PASSWORD]

const VICTORIA = '7daf7208-be4d-4944-a3ae-c1c2f516f3e6'

test('cinema movies / users / showtimes / bookings --json: the cinema\'s data for a script, exit 0', async (t) => {
  const { client } = await designCinema(t, { movies: 120 })
  const movies = await run(client, 'movies', '--json')
  t.equal(movies.code, 0)
  t.equal(movies.json().length, 127, 'every page followed')
  t.match(movies.json().find((m: { title: string }) => m.title === 'Victoria'), { movie_id: VICTORIA, director: 'Sebastian Schipper', rating: 7.7 })
  t.same((await run(client, 'users', '--json')).json().map((u: { username: string }) => u.username), ['chris', 'dan', 'garret', 'peter'])
  const days = (await run(client, 'showtimes', '--json')).json()
  t.same(days.map((d: { date: string }) => d.date), ['2015-11-30', '2015-12-01', '2015-12-02', '2015-12-03'])
  t.match((await run(client, 'showtimes', '20151201', '--json')).json(), { date: '2015-12-01', showings: [{ capacity: 100 }, { movie_id: VICTORIA, capacity: 40 }] })
  const dan = (await run(client, 'bookings', 'dan', '--json')).json()
  t.match(dan, { username: 'dan', name: 'Dan Lockhart', next: null })
  t.same(dan.bookings.map((b: { movie: { title: string }, seats: number }) => [b.movie.title, b.seats]).sort(), [['Creed', 2], ['Victoria', 2]])
})

test('cinema movies / showtimes / users / bookings: tables for people', async (t) => {
  const { client } = await designCinema(t)
  t.match((await run(client, 'movies')).out, /│ Creed +│ Ryan Coogler +│ 8\.8 +│ 267eedb8-/)
  t.match((await run(client, 'showtimes', '2015-12-03')).out, /Thu 3 Dec 2015 +│ The Good Dinosaur \(120\)/)
  t.match((await run(client, 'users')).out, /│ garret +│ Garret Heaton +│/)
  t.match((await run(client, 'bookings', 'garret')).out, /Wed 2 Dec 2015 +│ Jurassic World +│ 3 /)
  t.match((await run(client, 'bookings', 'peter')).out, 'Peter Gibbs (peter) has no bookings.')
})

test('cinema book: by title or id, exit 0 with the booking; refusals exit 1 with a sentence', async (t) => {
  const { client, call } = await designCinema(t)
  const booked = await run(client, 'book', '--user', 'peter', '--date', '20151201', '--movie', 'victoria', '--seats', '2', ...SIGNED, '--json')
  t.equal(booked.code, 0, booked.err)
  t.match(booked.json(), { username: 'peter', date: '2015-12-01', movie_id: VICTORIA, seats: 2 })
  const text = await run(client, 'book', '--user', 'chris', '--date', '2015-12-02', '--movie', '276c79ec-a26a-40a6-b3d3-fb242a5947b6', '--seats', '1', ...SIGNED)
  t.equal(text.code, 0)
  t.match(text.out, /^Booked 1 seat for Jurassic World on Wed 2 Dec 2015 as chris\. Booking [0-9a-f-]{36}\n$/)

  // Victoria: 40 seats, dan 2 and peter 2 booked.
  const cases: [string[], string, string?][] = [
    [['--user', 'peter', '--date', '20151201', '--movie', 'Victoria', '--seats', '1'], 'peter has already booked Victoria on Tue 1 Dec 2015. Cancel that booking to book it again.', 'CINEMA_BOOKINGS_ALREADY_BOOKED'],
    [['--user', 'chris', '--date', '20151201', '--movie', 'Victoria', '--seats', '37'], 'The cinema did not accept that: body/seats must be <= 10', 'FST_ERR_VALIDATION'],
    [['--user', 'nobody', '--date', '20151201', '--movie', 'Victoria', '--seats', '1'], 'There is no user "nobody".', 'CINEMA_USERS_USER_NOT_FOUND'],
    [['--user', 'chris', '--date', '20151231', '--movie', 'Victoria', '--seats', '1'], 'There are no shows on Thu 31 Dec 2015.', 'CINEMA_SHOWTIMES_SHOWTIME_NOT_FOUND'],
    [['--user', 'chris', '--date', '20151201', '--movie', 'Jurassic', '--seats', '1'], 'No movie "Jurassic" is shown on Tue 1 Dec 2015.'],
    [['--user', 'chris', '--date', '20151202', '--movie', 'the', '--seats', '1'], '"the" could be The Martian (a8034f44-aee4-44cf-b32c-74cf452aaaae) or The Night Before (96798c08-d19b-4986-a05d-7da856efb697): give the movie id']
  ]
  for (const [args, message, code] of cases) {
    const res = await run(client, 'book', ...args, ...SIGNED, '--json')
    t.equal(res.code, 1, message)
    t.equal(res.err, `${message}\n`)
    t.same(res.json(), { error: { message, ...(code ? { code, status: res.json().error.status } : {}) } })
  }
  await call('PUT', '/cinema/showtimes/20151201', { showings: [{ movie_id: VICTORIA, capacity: 6 }] })
  const soldOut = await run(client, 'book', '--user', 'chris', '--date', '20151201', '--movie', 'Victoria', '--seats', '3', ...SIGNED)
  t.equal(soldOut.code, 1)
  t.equal(soldOut.err, 'Not enough seats: only 2 left for Victoria on Tue 1 Dec 2015.\n')
})

test('cinema cancel: the seats come back; a second time is a refusal', async (t) => {
  const { client } = await designCinema(t)
  const booking = (await run(client, 'book', '--user', 'peter', '--date', '20151201', '--movie', 'Victoria', '--seats', '2', ...SIGNED, '--json')).json()
  const cancelled = await run(client, 'cancel', '--user', 'peter', '--booking', booking.booking_id, ...SIGNED)
  t.equal(cancelled.code, 0)
  t.equal(cancelled.out, `Cancelled booking ${booking.booking_id}: 2 seats on Tue 1 Dec 2015 are free again.\n`)
  t.equal((await client.seats('2015-12-01', VICTORIA)).booked, 2, 'only dan\'s two left')
  const again = await run(client, 'cancel', '--user', 'peter', '--booking', booking.booking_id, ...SIGNED)
  t.equal(again.code, 1)
  t.equal(again.err, 'There is no such booking.\n')
})

test('wrong usage exits 2 with the usage; help exits 0', async (t) => {
  const { client } = await designCinema(t)
  for (const args of [['frobnicate'], ['book', '--user', 'chris'], ['book', '--user', 'chris', '--date', '20151201', '--movie', 'Creed', '--seats', 'two'], ['movies', 'extra'], ['movies', '--colour'], ['bookings']]) {
    const res = await run(client, ...args)
    t.equal(res.code, 2, args.join(' '))
    t.match(res.err, /usage: cinema/)
    t.equal(res.out, '')
  }
  const help = await run(client, '--help')
  t.equal(help.code, 0)
  t.match(help.out, /cinema book --user U --date D --movie M --seats N \[--password P\]/)
  t.match(help.out, /CINEMA_PASSWORD/)
  t.match(help.out, /CINEMA_TOKEN/)
  t.match(help.out, /4 not signed in/)
})

test('the cinema unreachable or failing exits 3 with a sentence', async (t) => {
  const cinema = await designCinema(t)
  const dead = await run(new CinemaClient('http://127.0.0.1:1'), 'movies')
  t.equal(dead.code, 3)
  t.equal(dead.err, 'Cannot reach the cinema at http://127.0.0.1:1 (connection failed). Is the platform running? Start it with: pnpm start\n')
  cinema.gateway.unmount(cinema.showtimes)
  const down = await run(cinema.client, 'book', '--user', 'peter', '--date', '20151201', '--movie', 'Victoria', '--seats', '1', ...SIGNED)
  t.equal(down.code, 3)
  t.equal(down.err, "The cinema's showtimes service is not available right now. Try again in a moment.\n")
})

test('book and cancel sign in: --password, CINEMA_PASSWORD, or a token from signin in CINEMA_TOKEN', async (t) => {
  const { client, signIns } = await designCinema(t)
  const fromEnv = await runWith({ CINEMA_PASSWORD: PASSWORD }, client, 'book', '--user', 'peter', '--date', '20151201', '--movie', 'Creed', '--seats', '1', '--json')
  t.equal(fromEnv.code, 0, fromEnv.err)
  t.match(fromEnv.json(), { username: 'peter', seats: 1 })

  const signin = await runWith({ CINEMA_PASSWORD: PASSWORD }, client, 'signin', '--user', 'peter')
  t.equal(signin.code, 0, signin.err)
  const token = signin.out.trim()
  t.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'signin prints the token alone, for $(...)')
  t.match((await run(client, 'signin', '--user', 'peter', ...SIGNED, '--json')).json(), { username: 'peter', token: /\./, expires_at: /^\d{4}-/ })
  t.equal(signIns().length, 3, 'one sign-in per command so far')

  const withToken = await runWith({ CINEMA_TOKEN: token }, client, 'book', '--user', 'peter', '--date', '20151201', '--movie', 'Victoria', '--seats', '2', '--json')
  t.equal(withToken.code, 0, withToken.err)
  const cancelled = await runWith({ CINEMA_TOKEN: token }, client, 'cancel', '--user', 'peter', '--booking', withToken.json().booking_id)
  t.equal(cancelled.code, 0, cancelled.err)
  t.equal(signIns().length, 3, 'a ready token signs in no more')

  const wins = await runWith({ CINEMA_TOKEN: 'not-a-token' }, client, 'book', '--user', 'peter', '--date', '20151202', '--movie', 'Spectre', '--seats', '1', ...SIGNED)
  t.equal(wins.code, 0, '--password wins over CINEMA_TOKEN')
})

test('not signed in exits 4 with a sentence: no password, a wrong one, too many tries, a bad token, someone else\'s token', async (t) => {
  const { client, call } = await designCinema(t)
  const book = ['book', '--user', 'garret', '--date', '20151130', '--movie', 'Spectre', '--seats', '1', '--json']
  const chris = (await run(client, 'signin', '--user', 'chris', ...SIGNED)).out.trim()
  const cases: [Record<string, string>, string[], string, string?][] = [
    [{}, [], "book needs garret's password: --password P or CINEMA_PASSWORD (or a token from `cinema signin` in CINEMA_TOKEN)."],
    [{ CINEMA_PASSWORD: '' }, [], "book needs garret's password: --password P or CINEMA_PASSWORD (or a token from `cinema signin` in CINEMA_TOKEN)."],
    [{}, ['--password', 'not-garrets-password'], 'Cannot sign in as garret: wrong password, or no account of that name.', 'USERS_BAD_CREDENTIALS'],
    [{ CINEMA_PASSWORD: 'not-garrets-password' }, [], 'Cannot sign in as garret: wrong password, or no account of that name.', 'USERS_BAD_CREDENTIALS'],
    [{ CINEMA_TOKEN: 'not-a-token' }, [], 'The sign-in token is not valid on this platform: sign in again.', 'USERS_TOKEN_INVALID'],
    [{ CINEMA_TOKEN: chris }, [], 'Signed in as chris: you may only book and cancel for yourself.', 'CINEMA_BOOKINGS_FORBIDDEN']
  ]
  for (const [env, args, message, code] of cases) {
    const res = await runWith(env, client, ...book, ...args)
    t.equal(res.code, 4, message)
    t.equal(res.err, `${message}\n`)
    t.same(res.json(), { error: { message, ...(code ? { code, status: res.json().error.status } : {}) } })
  }
  t.same((await call('GET', '/cinema/bookings/garret')).body.bookings.length, 2, 'nothing booked: only the seed\'s two')

  // Two wrong passwords above; three more make five failures within the minute: the sixth try is throttled.
  for (let i = 0; i < 3; i++) t.equal((await run(client, 'signin', '--user', 'garret', '--password', 'not-garrets-password')).code, 4)
  const throttled = await run(client, ...book, ...SIGNED)
  t.equal(throttled.code, 4)
  t.equal(throttled.err, 'Too many failed sign-ins for garret: wait a minute, then try again.\n')
  t.equal(throttled.json().error.code, 'USERS_TOO_MANY_SIGNINS')
  const cancel = await run(client, 'cancel', '--user', 'chris', '--booking', '00000000-0000-4000-8000-000000000000')
  t.equal(cancel.code, 4, 'cancel asks for a password too')
  t.match(cancel.err, /^cancel needs chris's password/)
})
