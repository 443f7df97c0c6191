// Loads the design's example cinema through the gateway, like any client (every row passes the
// services' own checks), and can add a generated one around it. Run again, it adds nothing twice:
// rows that exist already are 409s and are counted as such.
// Writes through the gateway act as a signed-in account: the catalogue and the programme as the
// staff account, each customer's cinema record and bookings as that customer. The seed signs them
// all up with one password (an account that exists is a 409, then signed in with that password).
import { Faker, en } from '@faker-js/faker'
import { CinemaError, type CinemaClient, type Movie, type NewBooking, type Showing } from '../client.js'
import { isTokenRefused, Sessions } from '../sessions.js'
import { DESIGN_BOOKINGS, DESIGN_MOVIES, DESIGN_SHOWTIMES, DESIGN_USERS } from './design.js'

/** The account the catalogue and the programme are written as. */
export const SEED_STAFF = 'box_office'
/**
 * The password of every account the seed makes, unless --password says another: the accounts
 * service's rules (10+ characters, not a common one, not containing a username of 4+ letters).
 */
export const SEED_PASSWORD = 'popcorn-late-show-1985'

export interface SeedOptions {
  /** Generated movies, users, show days and bookings beyond the design's. */
  movies: number
  users: number
  days: number
  bookings: number
  /** The same seed generates the same names, ids and days, so a second run adds nothing twice. */
  seed: number
  /** Every account's password (SEED_PASSWORD by default). */
  password?: string
}

export interface Tally {
  added: number
  existing: number
}

/** `accounts`: the platform's accounts (staff and customers); `users`: the cinema's customer records. */
export type SeedReport = Record<'accounts' | 'movies' | 'users' | 'showtimes' | 'bookings', Tally>

/** Runs `work` over `items`, `width` at a time. */
async function pool<T> (items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!)
  }))
}

/** The seed could not sign in as `username` (`cause`: the CinemaError saying why). */
export class SignInFailed extends Error {
  constructor (readonly username: string, override readonly cause: unknown) {
    super(`signing in as ${username}: ${(cause as Error)?.message ?? String(cause)}`)
    this.name = 'SignInFailed'
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

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
  const password = options.password ?? SEED_PASSWORD
  const report: SeedReport = { accounts: tally(), movies: tally(), users: tally(), showtimes: tally(), bookings: tally() }
  const sessions = new Sessions(client)

  /**
   * `write` with the client of `username`'s account. The gateway's per-user write rate limit
   * (429) is waited out; a token refused (expired on a long seed) is renewed once.
   */
  async function as<T> (username: string, write: (writer: CinemaClient) => Promise<T>): Promise<T> {
    for (let attempt = 1, renewed = false; ; attempt++) {
      const signedIn = await sessions.tokenFor(username, password).catch((err: unknown) => { throw new SignInFailed(username, err) })
      const writer = client.as(signedIn.token)
      try {
        return await write(writer)
      } catch (err) {
        if (isTokenRefused(err) && !renewed) {
          sessions.forget(username)
          renewed = true
        } else if (err instanceof CinemaError && err.code === 'GATEWAY_429' && attempt < 30) {
          await sleep(Math.min(2000, 100 * attempt))
        } else throw err
      }
    }
  }

  /** Signs `username` up (a 409 when the account exists: counted, then signed in as any other). */
  const account = (username: string) => count(report.accounts, () => client.signUp({ username, email: `${username.toLowerCase()}@cinema.example.com`, password }))

  await account(SEED_STAFF)

  const movies = [...DESIGN_MOVIES, ...Array.from({ length: options.movies }, () => ({
    movie_id: faker.string.uuid(),
    title: faker.book.title(),
    director: faker.person.fullName(),
    rating: faker.number.float({ min: 1, max: 9.9, fractionDigits: 1 })
  }))]
  await pool(movies, 8, (m) => count(report.movies, () => as(SEED_STAFF, (staff) => staff.createMovie(m))))

  const names = new Set(DESIGN_USERS.map((u) => u.username))
  const users = [...DESIGN_USERS]
  while (users.length < DESIGN_USERS.length + options.users) {
    const username = faker.internet.username().replace(/[^A-Za-z0-9._-]/g, '').slice(0, 32)
    // The accounts service refuses a password containing the username (from 4 letters on).
    const taken = names.has(username.toLowerCase()) || (username.length >= 4 && password.toLowerCase().includes(username.toLowerCase()))
    if (username.length < 2 || taken) continue
    names.add(username.toLowerCase())
    users.push({ username, name: faker.person.fullName() })
  }
  // Each customer's account, then their cinema record written as themself.
  await pool(users, 8, async (u) => {
    await account(u.username)
    await count(report.users, () => as(u.username, (customer) => customer.createUser(u)))
  })

  const ids = movies.map((m: Pick<Movie, 'movie_id'>) => m.movie_id)
  const days = [...DESIGN_SHOWTIMES, ...Array.from({ length: options.days }, (_, i) => ({
    date: new Date(FIRST_GENERATED_DAY + i * 86_400_000).toISOString().slice(0, 10),
    showings: faker.helpers.arrayElements(ids, { min: 2, max: Math.min(6, ids.length) })
      .map((movieId): Showing => ({ movie_id: movieId, capacity: faker.number.int({ min: 5, max: 20 }) * 10 }))
  }))]
  await pool(days, 8, (d) => count(report.showtimes, () => as(SEED_STAFF, (staff) => staff.createShowtime(d))))

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
  await pool(bookings, 8, (b) => count(report.bookings, () => as(b.username, (customer) => customer.book(b))))
  return report
}
