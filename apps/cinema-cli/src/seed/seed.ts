// Loads the design's example cinema through the gateway, like any client (every row passes the
// services' own checks), and can add a generated one around it. Run again, it adds nothing twice:
// rows that exist already are 409s and are counted as such.
import { Faker, en } from '@faker-js/faker'
import { CinemaError, type CinemaClient, type Movie, type NewBooking, type Showing } from '../client.js'
import { DESIGN_BOOKINGS, DESIGN_MOVIES, DESIGN_SHOWTIMES, DESIGN_USERS } from './design.js'

export interface SeedOptions {
  /** Generated movies, users, show days and bookings beyond the design's. */
  movies: number
  users: number
  days: number
  bookings: number
  /** The same seed generates the same names, ids and days, so a second run adds nothing twice. */
  seed: number
}

export interface Tally {
  added: number
  existing: number
}

export type SeedReport = Record<'movies' | 'users' | 'showtimes' | 'bookings', Tally>

/** Runs `work` over `items`, `width` at a time. */
async function pool<T> (items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!)
  }))
}

/** Added, or there already (409): anything else stops the seed. */
async function count (tally: Tally, write: () => Promise<unknown>): Promise<void> {
  try {
    await write()
    tally.added++
  } catch (err) {
    if (err instanceof CinemaError && err.status === 409) tally.existing++
    else throw err
  }
}

const tally = (): Tally => ({ added: 0, existing: 0 })
const FIRST_GENERATED_DAY = Date.UTC(2015, 11, 4)

export async function seedCinema (client: CinemaClient, options: SeedOptions): Promise<SeedReport> {
  const faker = new Faker({ locale: [en] })
  faker.seed(options.seed)
  const report: SeedReport = { movies: tally(), users: tally(), showtimes: tally(), bookings: tally() }

  const movies = [...DESIGN_MOVIES, ...Array.from({ length: options.movies }, () => ({
    movie_id: faker.string.uuid(),
    title: faker.book.title(),
    director: faker.person.fullName(),
    rating: faker.number.float({ min: 1, max: 9.9, fractionDigits: 1 })
  }))]
  await pool(movies, 8, (m) => count(report.movies, () => client.createMovie(m)))

  const names = new Set(DESIGN_USERS.map((u) => u.username))
  const users = [...DESIGN_USERS]
  while (users.length < DESIGN_USERS.length + options.users) {
    const username = faker.internet.username().replace(/[^A-Za-z0-9._-]/g, '').slice(0, 32)
    if (username.length < 2 || names.has(username.toLowerCase())) continue
    names.add(username.toLowerCase())
    users.push({ username, name: faker.person.fullName() })
  }
  await pool(users, 8, (u) => count(report.users, () => client.createUser(u)))

  const ids = movies.map((m: Pick<Movie, 'movie_id'>) => m.movie_id)
  const days = [...DESIGN_SHOWTIMES, ...Array.from({ length: options.days }, (_, i) => ({
    date: new Date(FIRST_GENERATED_DAY + i * 86_400_000).toISOString().slice(0, 10),
    showings: faker.helpers.arrayElements(ids, { min: 2, max: Math.min(6, ids.length) })
      .map((movieId): Showing => ({ movie_id: movieId, capacity: faker.number.int({ min: 5, max: 20 }) * 10 }))
  }))]
  await pool(days, 8, (d) => count(report.showtimes, () => client.createShowtime(d)))

  const bookings: NewBooking[] = [...DESIGN_BOOKINGS, ...Array.from({ length: options.bookings }, () => {
    const day = faker.helpers.arrayElement(days)
    return {
      username: faker.helpers.arrayElement(users).username,
      date: day.date,
      movie_id: faker.helpers.arrayElement(day.showings).movie_id,
      seats: faker.number.int({ min: 1, max: 4 })
    }
  })]
  // A drawn booking may repeat a user's showing or find it full: a 409, counted, not an error.
  await pool(bookings, 8, (b) => count(report.bookings, () => client.book(b)))
  return report
}
