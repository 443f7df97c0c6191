// The cinema's four services as one client, through the gateway. Every answer that is not what
// was asked for becomes a CinemaError: the app turns those into sentences, never stack traces.
// Writes through the gateway carry a bearer token from the platform's accounts service (`signIn`,
// then `as(token)`); reads are open. (This file has no dependency on the services' code: the
// built app runs with plain node.)

export interface Movie {
  movie_id: string
  title: string
  director: string
  rating: number
  created_at: string
}

export interface NewMovie {
  movie_id?: string
  title: string
  director: string
  rating: number
}

export interface Showing {
  movie_id: string
  capacity: number
}

export interface Showtime {
  /** YYYY-MM-DD */
  date: string
  showings: Showing[]
}

export interface User {
  username: string
  name: string
  created_at: string
}

export interface Booking {
  booking_id: string
  username: string
  date: string
  movie_id: string
  seats: number
  created_at: string
}

export interface NewBooking {
  username: string
  date: string
  movie_id: string
  seats: number
}

export interface UserBooking extends Omit<Booking, 'username'> {
  movie: { title: string, director: string, rating: number } | null
}

export interface UserBookings {
  username: string
  name: string
  bookings: UserBooking[]
  next: string | null
}

export interface Seats {
  date: string
  movie_id: string
  capacity: number
  booked: number
  available: number
}

/**
 * Why a call did not give what was asked: `unreachable` (no answer from the gateway),
 * `refused` (a 4xx: the request was wrong for the cinema's data), `failed` (a 5xx: a service
 * is away or broken). `code` is the platform's error code, or GATEWAY_<status> when the gateway
 * itself answered (a service with no instance running).
 */
export class CinemaError extends Error {
  constructor (
    readonly kind: 'unreachable' | 'refused' | 'failed',
    readonly status: number,
    readonly code: string,
    message: string,
    /** The request's path, to say which service did not answer. */
    readonly path: string
  ) {
    super(message)
    this.name = 'CinemaError'
  }
}

/** A sign-in: the token every write carries, and when it stops working. */
export interface Session {
  token: string
  expires_at: string
}

/** A new account of the platform (the accounts service, `/users`). */
export interface NewAccount {
  username: string
  email: string
  password: string
}

interface Page<T> {
  items: T[]
  next: string | null
}

export class CinemaClient {
  /** `token`: the bearer token writes carry (reads carry none: they are open). */
  constructor (readonly baseUrl: string, private readonly timeoutMs = 10_000, private readonly token?: string) {}

  /** The same client, writing as the account `token` was given to. */
  as (token: string): CinemaClient {
    return new CinemaClient(this.baseUrl, this.timeoutMs, token)
  }

  private async request<T> (method: string, path: string, body?: unknown): Promise<T> {
    let res: Response
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token !== undefined && method !== 'GET' ? { authorization: `Bearer ${this.token}` } : {})
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs)
      })
    } catch (err) {
      const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${this.timeoutMs / 1000} s` : 'connection failed'
      throw new CinemaError('unreachable', 0, 'UNREACHABLE', `${method} ${path}: ${reason}`, path)
    }
    const text = await res.text()
    let parsed: unknown
    try {
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch {
      parsed = undefined
    }
    if (res.ok) return parsed as T
    const error = parsed as { code?: unknown, message?: unknown } | undefined
    const code = typeof error?.code === 'string' ? error.code : `GATEWAY_${res.status}`
    const message = typeof error?.message === 'string' ? error.message : text.trim() || `status ${res.status}`
    throw new CinemaError(res.status >= 500 ? 'failed' : 'refused', res.status, code, message, path)
  }

  private query (params: Record<string, string | number | undefined>): string {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v))
    const s = q.toString()
    return s ? `?${s}` : ''
  }

  async movies (page: { limit?: number, before?: string } = {}): Promise<Page<Movie>> {
    const res = await this.request<{ movies: Movie[], next: string | null }>('GET', `/cinema/movies${this.query(page)}`)
    return { items: res.movies, next: res.next }
  }

  /** The movies of these ids that exist, in one request per 100 ids. */
  async moviesById (ids: string[]): Promise<Map<string, Movie>> {
    const unique = [...new Set(ids)]
    const found = new Map<string, Movie>()
    for (let i = 0; i < unique.length; i += 100) {
      const q = unique.slice(i, i + 100).map((id) => `movie_id=${encodeURIComponent(id)}`).join('&')
      const res = await this.request<{ movies: Movie[] }>('GET', `/cinema/movies?${q}`)
      for (const m of res.movies) found.set(m.movie_id, m)
    }
    return found
  }

  createMovie (movie: NewMovie): Promise<Movie> {
    return this.request('POST', '/cinema/movies', movie)
  }

  async showtimes (page: { limit?: number, after?: string } = {}): Promise<Page<Showtime>> {
    const res = await this.request<{ showtimes: Showtime[], next: string | null }>('GET', `/cinema/showtimes${this.query(page)}`)
    return { items: res.showtimes, next: res.next }
  }

  showtime (date: string): Promise<Showtime> {
    return this.request('GET', `/cinema/showtimes/${encodeURIComponent(date)}`)
  }

  createShowtime (showtime: { date: string, showings: Showing[] }): Promise<Showtime> {
    return this.request('POST', '/cinema/showtimes', showtime)
  }

  async users (page: { limit?: number, after?: string } = {}): Promise<Page<User>> {
    const res = await this.request<{ users: User[], next: string | null }>('GET', `/cinema/users${this.query(page)}`)
    return { items: res.users, next: res.next }
  }

  user (username: string): Promise<User> {
    return this.request('GET', `/cinema/users/${encodeURIComponent(username)}`)
  }

  createUser (user: { username: string, name: string }): Promise<User> {
    return this.request('POST', '/cinema/users', user)
  }

  userBookings (username: string, page: { limit?: number, before?: string } = {}): Promise<UserBookings> {
    return this.request('GET', `/cinema/users/${encodeURIComponent(username)}/bookings${this.query(page)}`)
  }

  seats (date: string, movieId: string): Promise<Seats> {
    return this.request('GET', `/cinema/bookings/showings/${encodeURIComponent(date)}/${encodeURIComponent(movieId)}`)
  }

  book (booking: NewBooking): Promise<Booking> {
    return this.request('POST', '/cinema/bookings', booking)
  }

  cancel (username: string, bookingId: string): Promise<Booking> {
    return this.request('DELETE', `/cinema/bookings/${encodeURIComponent(username)}/${encodeURIComponent(bookingId)}`)
  }

  /** Signs an account up with the platform's accounts service (409 when the name or email is taken). */
  signUp (account: NewAccount): Promise<{ username: string }> {
    return this.request('POST', '/users', account)
  }

  /** Signs in: a token for `as` (401 wrong name or password, 429 after too many failures). */
  signIn (username: string, password: string): Promise<Session> {
    return this.request('POST', '/users/sessions', { username, password })
  }

  /**
   * Every item of a paged list, following `next` up to `max` items (lists are paged so that
   * no answer is unbounded; a script asking for all of them still gets a bounded number).
   */
  async all<T> (fetchPage: (cursor: string | undefined) => Promise<Page<T>>, max = 10_000): Promise<T[]> {
    const items: T[] = []
    let cursor: string | undefined
    do {
      const page = await fetchPage(cursor)
      items.push(...page.items)
      cursor = page.next ?? undefined
    } while (cursor !== undefined && items.length < max)
    return items.slice(0, max)
  }
}
