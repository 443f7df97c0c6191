// How the app shows things: dates, ratings, seats and tables, with colour only where the
// output is a terminal that wants it.
import Table from 'cli-table3'
import { createColors } from 'picocolors'

export type Colors = ReturnType<typeof createColors>

/** Colour when writing to a terminal and NO_COLOR is unset (FORCE_COLOR forces it). */
export function colorsFor (stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Colors {
  const on = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb'
  return createColors(on)
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `2015-12-01` (or `20151201`) -> `Tue 1 Dec 2015`; anything else as it is. */
export function formatDate (date: string): string {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(date)
  if (!m) return date
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!))
  if (Number.isNaN(d.getTime()) || d.getUTCDate() !== +m[3]!) return date
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

export const formatRating = (rating: number) => rating.toFixed(1)
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** `8 of 10 seats left`, `sold out`. */
export function formatSeats (c: Colors, seats: { available: number, capacity: number }): string {
  if (seats.available <= 0) return c.red('sold out')
  const text = `${seats.available} of ${plural(seats.capacity, 'seat')} left`
  return seats.available <= Math.max(2, seats.capacity / 10) ? c.yellow(text) : c.green(text)
}

/** A table with a bold header row; no colour codes when colour is off. */
export function table (c: Colors, head: string[], rows: (string | number)[][], options: { lines?: boolean } = {}): string {
  const t = new Table({
    head: head.map((h) => c.bold(h)),
    // A line between rows only where rows take several lines each.
    style: { head: [], border: [], compact: options.lines !== true },
    wordWrap: true
  })
  for (const row of rows) t.push(row.map(String))
  return t.toString()
}

/** The catalogue, alphabetically. */
export function moviesTable (c: Colors, movies: { title: string, director: string, rating: number, movie_id: string }[]): string {
  const sorted = [...movies].sort((a, b) => a.title.localeCompare(b.title))
  return table(c, ['Title', 'Director', 'Rating', 'Movie id'], sorted.map((m) => [m.title, m.director, formatRating(m.rating), c.dim(m.movie_id)]))
}

/** Days of the programme, each with its movies and their seats. */
export function showtimesTable (c: Colors, showtimes: { date: string, showings: { movie_id: string, capacity: number }[] }[], titles: Map<string, string>): string {
  return table(c, ['Date', 'Movies (seats)'], showtimes.map((s) => [
    `${formatDate(s.date)}\n${c.dim(s.date.replaceAll('-', ''))}`,
    s.showings.map((sh) => `${titles.get(sh.movie_id) ?? c.dim(`(movie ${sh.movie_id})`)} ${c.dim(`(${sh.capacity})`)}`).join('\n')
  ]), { lines: true })
}

export function usersTable (c: Colors, users: { username: string, name: string }[]): string {
  return table(c, ['Username', 'Name'], users.map((u) => [u.username, u.name]))
}

/** One user's bookings with their movies (null: gone from the catalogue). */
export function bookingsTable (c: Colors, bookings: { date: string, seats: number, booking_id: string, movie_id: string, movie: { title: string } | null }[]): string {
  return table(c, ['Date', 'Movie', 'Seats', 'Booking id'], bookings.map((b) => [
    formatDate(b.date),
    b.movie?.title ?? c.dim(`(movie ${b.movie_id})`),
    b.seats,
    c.dim(b.booking_id)
  ]))
}
