// The app without questions, for scripts: `cinema movies --json`, `cinema book --user U --date D
// --movie M --seats 2 --password P`. Writes sign in as their --user first. Exit codes: 0 done,
// 1 the cinema refused (unknown user or date, sold out, booked already, bad input), 2 wrong usage,
// 3 the cinema could not be reached or failed, 4 not signed in.
import { parseArgs } from 'node:util'
import type { Writable } from 'node:stream'
import type { CinemaClient, Movie } from './client.js'
import { exitCodeOf, friendly, NOT_SIGNED_IN, type Context } from './messages.js'
import { bookingsTable, formatDate, moviesTable, plural, showtimesTable, usersTable, type Colors } from './render.js'

export const USAGE = `usage: cinema                       the interactive menu
       cinema movies [--json]
       cinema showtimes [DATE] [--json]       DATE as YYYYMMDD or YYYY-MM-DD
       cinema users [--json]
       cinema bookings USER [--json]
       cinema book --user U --date D --movie M --seats N [--password P] [--json]   M: a movie id or title shown that day
       cinema cancel --user U --booking ID [--password P] [--json]
       cinema signin --user U [--password P] [--json]   prints a token for CINEMA_TOKEN (15 minutes)
book and cancel act as --user, signed in with --password P, else the token in the env
CINEMA_TOKEN (from signin), else the password in the env CINEMA_PASSWORD.
GATEWAY_URL says where the cinema is (default http://127.0.0.1:9999).
Exit codes: 0 done, 1 refused by the cinema, 2 wrong usage, 3 cinema unreachable or failing,
4 not signed in (no password or token, wrong password, too many failed sign-ins, token expired
or another user's).`

export interface CommandIo {
  stdout: Writable
  stderr: Writable
  colors: Colors
  /** Where CINEMA_PASSWORD and CINEMA_TOKEN are read (main passes process.env). */
  env?: Record<string, string | undefined>
}

class Usage extends Error {}

/** A write with neither a password nor a token to sign in with: exit code 4. */
class NoCredentials extends Error {}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Runs one command; resolves to the process's exit code. */
export async function runCommand (argv: string[], client: CinemaClient, io: CommandIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        user: { type: 'string' },
        date: { type: 'string' },
        movie: { type: 'string' },
        seats: { type: 'string' },
        booking: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n${USAGE}\n`)
    return 2
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help || command === 'help') {
    io.stdout.write(`${USAGE}\n`)
    return 0
  }
  const c = io.colors
  const out = (json: unknown, text: string) => io.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`)
  const ctx: Context = { username: values.user ?? rest[0], date: values.date ?? rest[0] }
  const need = (name: 'user' | 'date' | 'movie' | 'seats' | 'booking') => {
    const v = values[name]
    if (v === undefined || v.trim() === '') throw new Usage(`${command} needs --${name}`)
    return v.trim()
  }
  const positionalsAtMost = (n: number) => {
    if (rest.length > n) throw new Usage(`${command} takes ${n === 0 ? 'no' : `at most ${n}`} argument${n === 1 ? '' : 's'}: ${rest.join(' ')}`)
  }
  const env = io.env ?? {}
  const given = (v: string | undefined) => (v === undefined || v === '' ? undefined : v)
  const password = (username: string) => {
    const p = given(values.password) ?? given(env.CINEMA_PASSWORD)
    if (p === undefined) throw new NoCredentials(`${command} needs ${username}'s password: --password P or CINEMA_PASSWORD (or a token from \`cinema signin\` in CINEMA_TOKEN).`)
    return p
  }
  /**
   * How a write signs in as `username`: --password, else the token in CINEMA_TOKEN, else
   * CINEMA_PASSWORD. Asked before the write's reads, so a missing password is said first.
   */
  const credentials = (username: string): { token: string } | { password: string } => {
    const token = given(env.CINEMA_TOKEN)
    return token !== undefined && given(values.password) === undefined ? { token } : { password: password(username) }
  }
  /** The client writing as `username`. */
  const signedIn = async (username: string, how: { token: string } | { password: string }): Promise<CinemaClient> =>
    client.as('token' in how ? how.token : (await client.signIn(username, how.password)).token)

  try {
    switch (command) {
      case 'movies': {
        positionalsAtMost(0)
        const movies = await client.all((before) => client.movies({ limit: 100, before }))
        out(movies, movies.length ? moviesTable(c, movies) : 'There are no movies yet.')
        return 0
      }
      case 'showtimes': {
        positionalsAtMost(1)
        const days = rest[0] === undefined
          ? await client.all((after) => client.showtimes({ limit: 100, after }))
          : [await client.showtime(rest[0])]
        const titles = new Map([...(await client.moviesById(days.flatMap((d) => d.showings.map((s) => s.movie_id))))].map(([id, m]) => [id, m.title]))
        out(rest[0] === undefined ? days : days[0], days.length ? showtimesTable(c, days, titles) : 'There are no show times yet.')
        return 0
      }
      case 'users': {
        positionalsAtMost(0)
        const users = await client.all((after) => client.users({ limit: 100, after }))
        out(users, users.length ? usersTable(c, users) : 'There are no users yet.')
        return 0
      }
      case 'bookings': {
        positionalsAtMost(1)
        const username = rest[0] ?? values.user
        if (!username) throw new Usage('bookings needs a USER')
        ctx.username = username
        const first = await client.userBookings(username, { limit: 50 })
        const bookings = [...first.bookings]
        for (let next = first.next; next !== null;) {
          const page = await client.userBookings(username, { limit: 50, before: next })
          bookings.push(...page.bookings)
          next = page.next
        }
        out({ ...first, bookings, next: null }, bookings.length ? bookingsTable(c, bookings) : `${first.name} (${first.username}) has no bookings.`)
        return 0
      }
      case 'book': {
        positionalsAtMost(0)
        const username = need('user')
        const date = need('date')
        const seats = Number(need('seats'))
        if (!Number.isInteger(seats) || seats < 1) throw new Usage('--seats is a whole number of seats, 1 or more')
        const how = credentials(username)
        // Reads first (open, cheap): an unknown customer, day or movie is said before signing in.
        await client.user(username)
        const showtime = await client.showtime(date)
        const movie = await pickMovie(client, showtime.showings.map((s) => s.movie_id), need('movie'))
        Object.assign(ctx, { username, date: showtime.date, title: movie?.title })
        if (!movie) throw new Refusal(`No movie "${values.movie}" is shown on ${formatDate(showtime.date)}.`)
        const booking = await (await signedIn(username, how)).book({ username, date: showtime.date, movie_id: movie.movie_id, seats })
        out(booking, `Booked ${plural(booking.seats, 'seat')} for ${movie.title} on ${formatDate(booking.date)} as ${username}. Booking ${booking.booking_id}`)
        return 0
      }
      case 'cancel': {
        positionalsAtMost(0)
        const username = need('user')
        const bookingId = need('booking')
        ctx.username = username
        const booking = await (await signedIn(username, credentials(username))).cancel(username, bookingId)
        out(booking, `Cancelled booking ${booking.booking_id}: ${plural(booking.seats, 'seat')} on ${formatDate(booking.date)} are free again.`)
        return 0
      }
      case 'signin': {
        positionalsAtMost(0)
        const username = need('user')
        ctx.username = username
        const session = await client.signIn(username, password(username))
        out({ username, ...session }, session.token)
        return 0
      }
      default:
        throw new Usage(command === undefined ? 'no command' : `unknown command: ${command}`)
    }
  } catch (err) {
    if (err instanceof Usage) {
      io.stderr.write(`${err.message}\n${USAGE}\n`)
      return 2
    }
    const message = err instanceof Refusal || err instanceof NoCredentials ? err.message : friendly(err, client.baseUrl, ctx)
    io.stderr.write(`${c.red(message)}\n`)
    if (values.json) io.stdout.write(`${JSON.stringify({ error: { message, ...codeOf(err) } })}\n`)
    return err instanceof Refusal ? 1 : err instanceof NoCredentials ? NOT_SIGNED_IN : exitCodeOf(err)
  }
}

/** A refusal the app itself decides (no movie of that title that day): exit code 1. */
class Refusal extends Error {}

const codeOf = (err: unknown) => {
  const e = err as { code?: unknown, status?: unknown }
  return typeof e.code === 'string' ? { code: e.code, status: e.status } : {}
}

/**
 * `--movie` as an id, or a title among the day's movies: exact (ignoring case) first, then the
 * one title that contains it. Several matching is a refusal naming them.
 */
async function pickMovie (client: CinemaClient, ids: string[], wanted: string): Promise<Movie | undefined> {
  const movies = [...(await client.moviesById(ids)).values()]
  if (UUID_RE.test(wanted)) return movies.find((m) => m.movie_id === wanted.toLowerCase())
  const w = wanted.toLowerCase()
  const exact = movies.filter((m) => m.title.toLowerCase() === w)
  if (exact.length === 1) return exact[0]
  const partial = (exact.length ? exact : movies).filter((m) => m.title.toLowerCase().includes(w))
  if (partial.length > 1) throw new Refusal(`"${wanted}" could be ${partial.map((m) => `${m.title} (${m.movie_id})`).join(' or ')}: give the movie id`)
  return partial[0]
}
