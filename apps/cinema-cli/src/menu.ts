// The design's interactive app: a numbered menu (1..7, same numbers and order) over the cinema.
// Every prompt and message goes to the streams given, so a test can drive it as a person would.
// Booking signs in with the account's password, asked once per person for the run of the app.
import type { Readable, Writable } from 'node:stream'
import * as p from '@clack/prompts'
import { CinemaError, type CinemaClient, type NewBooking, type Seats } from './client.js'
import { friendly, type Context } from './messages.js'
import { isTokenRefused, Sessions } from './sessions.js'
import { bookingsTable, formatDate, formatRating, formatSeats, moviesTable, plural, showtimesTable, usersTable, type Colors } from './render.js'
import { MAX_SEATS } from './limits.js'

export interface MenuIo {
  input: Readable
  output: Writable & { isTTY?: boolean }
}

export const MENU = [
  { value: '1', label: 'Get movie list' },
  { value: '2', label: 'Get show times' },
  { value: '3', label: 'Get bookings info' },
  { value: '4', label: 'Get user list' },
  { value: '5', label: 'Book a show' },
  { value: '6', label: 'Clear screen' },
  { value: '7', label: 'Exit' }
] as const

type Choice = (typeof MENU)[number]['value']

/** Esc or Ctrl-C at a question: back to the menu. */
class Cancelled extends Error {}

const PAGE = 20

export async function runMenu (client: CinemaClient, io: MenuIo, colors: Colors): Promise<void> {
  const c = colors
  // The input ending (a closed pipe) ends the app rather than leaving a question open forever.
  const ended = new AbortController()
  io.input.once('end', () => ended.abort())
  // Each prompt gets a signal of its own that follows `ended` (read anew by every `...ui`): the
  // prompt library never removes the listener it adds, so one shared signal would gather one per
  // question and, past ten, Node prints a leak warning on the person's screen.
  const ui = { input: io.input, output: io.output, get signal () { return AbortSignal.any([ended.signal]) } }
  const print = (text: string) => io.output.write(`${text}\n`)
  const fail = (err: unknown, ctx: Context = {}) => p.log.error(friendly(err, client.baseUrl, ctx), ui)
  // Tokens for the run of the app: a second booking by the same person asks no password again.
  const sessions = new Sessions(client)

  /** The answer, or Cancelled when the person pressed Esc or Ctrl-C. */
  const answer = <T>(value: T): Exclude<T, symbol> => {
    if (p.isCancel(value)) throw new Cancelled()
    return value as Exclude<T, symbol>
  }
  const more = async (what: string) => answer(await p.confirm({ message: `Show more ${what}?`, initialValue: true, ...ui }))

  async function movieList () {
    let before: string | undefined
    do {
      const page = await client.movies({ limit: PAGE, before })
      if (page.items.length === 0 && before === undefined) return p.log.info('There are no movies yet.', ui)
      print(moviesTable(c, page.items))
      before = page.next ?? undefined
    } while (before !== undefined && await more('movies'))
  }

  async function showTimes () {
    let after: string | undefined
    do {
      const page = await client.showtimes({ limit: 10, after })
      if (page.items.length === 0 && after === undefined) return p.log.info('There are no show times yet.', ui)
      const movies = await client.moviesById(page.items.flatMap((s) => s.showings.map((sh) => sh.movie_id)))
      print(showtimesTable(c, page.items, new Map([...movies].map(([id, m]) => [id, m.title]))))
      after = page.next ?? undefined
    } while (after !== undefined && await more('days'))
  }

  const askUsername = async (message: string) => answer(await p.text({
    message,
    placeholder: 'chris',
    validate: (v) => (v?.trim() ? undefined : 'Type a username'),
    ...ui
  })).trim()

  async function bookingsInfo () {
    const username = await askUsername('Whose bookings? (username)')
    let before: string | undefined
    try {
      do {
        const page = await client.userBookings(username, { limit: PAGE, before })
        if (page.bookings.length === 0 && before === undefined) return p.log.info(`${page.name} (${page.username}) has no bookings.`, ui)
        if (before === undefined) p.log.step(`Bookings of ${c.bold(page.name)} (${page.username})`, ui)
        print(bookingsTable(c, page.bookings))
        before = page.next ?? undefined
      } while (before !== undefined && await more('bookings'))
    } catch (err) {
      if (err instanceof Cancelled) throw err
      fail(err, { username })
    }
  }

  async function userList () {
    let after: string | undefined
    do {
      const page = await client.users({ limit: PAGE, after })
      if (page.items.length === 0 && after === undefined) return p.log.info('There are no users yet.', ui)
      print(usersTable(c, page.items))
      after = page.next ?? undefined
    } while (after !== undefined && await more('users'))
  }

  /**
   * The client writing as `username`: the sign-in kept from before, else the password asked (again
   * after a wrong one) and a sign-in. Undefined when signing in cannot work now (too many failed
   * tries, the accounts service away): said so, back to the menu.
   */
  async function signIn (username: string): Promise<CinemaClient | undefined> {
    const kept = sessions.held(username)
    if (kept) return client.as(kept.token)
    for (;;) {
      const password = answer(await p.password({
        message: `Password of ${username}`,
        validate: (v) => (v ? undefined : 'Type the password of the account'),
        ...ui
      }))
      try {
        const session = await sessions.signIn(username, password)
        p.log.info(`Signed in as ${username}.`, ui)
        return client.as(session.token)
      } catch (err) {
        fail(err, { username })
        if (!(err instanceof CinemaError && err.code === 'USERS_BAD_CREDENTIALS')) return undefined
      }
    }
  }

  /** Books as `username`; a kept sign-in the gateway no longer takes is asked for again, once. */
  async function bookAs (username: string, writer: CinemaClient, booking: NewBooking) {
    try {
      return await writer.book(booking)
    } catch (err) {
      if (!isTokenRefused(err)) throw err
      sessions.forget(username)
      p.log.warn(friendly(err, client.baseUrl, { username }), ui)
      const again = await signIn(username)
      return again ? again.book(booking) : undefined
    }
  }

  async function bookShow () {
    // Ask again until the cinema knows the answer: a typo should not throw the whole booking away.
    let username: string
    for (;;) {
      username = await askUsername('Who is booking? (username)')
      try {
        await client.user(username)
        break
      } catch (err) {
        fail(err, { username })
        if (!(err instanceof CinemaError) || err.status !== 404) return
      }
    }
    const writer = await signIn(username)
    if (!writer) return

    const first = await client.showtimes({ limit: 1 }).catch(() => undefined)
    const example = first?.items[0]?.date.replaceAll('-', '') ?? '20151201'
    let date: string
    let showings: { movie_id: string, capacity: number }[]
    for (;;) {
      date = answer(await p.text({
        message: 'Which date? (YYYYMMDD or YYYY-MM-DD)',
        placeholder: example,
        validate: (v) => (/^(\d{8}|\d{4}-\d{2}-\d{2})$/.test(v?.trim() ?? '') ? undefined : `A date like ${example}`),
        ...ui
      })).trim()
      try {
        const showtime = await client.showtime(date)
        date = showtime.date
        showings = showtime.showings
        break
      } catch (err) {
        fail(err, { date })
        if (!(err instanceof CinemaError) || (err.status !== 404 && err.status !== 400)) return
      }
    }

    const movies = await client.moviesById(showings.map((s) => s.movie_id))
    const seats = await Promise.all(showings.map((s) => client.seats(date, s.movie_id)))
    const choices = showings.map((s, i) => ({ showing: s, movie: movies.get(s.movie_id), seats: seats[i]! }))
    if (choices.every((ch) => ch.seats.available === 0)) return p.log.warn(`Every show on ${formatDate(date)} is sold out.`, ui)

    const chosen = answer(await p.select<number>({
      message: `Movies on ${formatDate(date)}: which one?`,
      options: choices.map((ch, i) => ({
        value: i,
        label: `${ch.movie?.title ?? `(movie ${ch.showing.movie_id})`} · ${seatText(ch.seats)}`,
        ...(ch.movie ? { hint: `${ch.movie.director}, ${formatRating(ch.movie.rating)}/10` } : {}),
        disabled: ch.seats.available === 0
      })),
      ...ui
    }))
    const { movie, seats: free } = choices[chosen]!
    const title = movie?.title ?? 'the movie'
    const most = Math.min(MAX_SEATS, free.available)
    const count = Number(answer(await p.text({
      message: `How many seats? (1 to ${most})`,
      placeholder: '2',
      validate: (v) => {
        const n = Number(v?.trim())
        return Number.isInteger(n) && n >= 1 && n <= most ? undefined : `A whole number from 1 to ${most}`
      },
      ...ui
    })).trim())

    const ok = answer(await p.confirm({ message: `Book ${plural(count, 'seat')} for ${title} on ${formatDate(date)} as ${username}?`, ...ui }))
    if (!ok) return p.log.info('Nothing booked.', ui)
    const ctx = { username, date, title }
    try {
      const booking = await bookAs(username, writer, { username, date, movie_id: free.movie_id, seats: count })
      if (!booking) return
      const after = await client.seats(date, free.movie_id).catch(() => undefined)
      p.log.success(`Booked ${plural(booking.seats, 'seat')} for ${title} on ${formatDate(date)}.${after ? ` ${seatText(after)}.` : ''}\nBooking ${booking.booking_id}`, ui)
    } catch (err) {
      if (err instanceof Cancelled) throw err
      fail(err, ctx)
    }
  }

  const seatText = (s: Seats) => formatSeats(c, s)

  const actions: Record<Exclude<Choice, '7'>, () => Promise<unknown>> = {
    1: movieList,
    2: showTimes,
    3: bookingsInfo,
    4: userList,
    5: bookShow,
    6: async () => io.output.write('\x1b[2J\x1b[3J\x1b[H')
  }

  p.intro(c.inverse(' Cinema '), ui)
  for (;;) {
    const choice = await p.selectKey<Choice>({ message: 'Choose an option (press its number)', options: [...MENU], ...ui })
    if (p.isCancel(choice) || choice === '7') break
    try {
      await actions[choice]()
    } catch (err) {
      if (err instanceof Cancelled) {
        if (ended.signal.aborted) break
        p.log.warn('Cancelled.', ui)
      } else fail(err)
    }
  }
  p.outro('Goodbye!', ui)
}
