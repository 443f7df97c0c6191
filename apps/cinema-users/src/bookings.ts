import type { FastifyRequest } from 'fastify'
import { upstream } from '@platform/kit'
import { UpstreamRefused } from './errors.js'

interface Booking {
  booking_id: string
  date: string
  movie_id: string
  seats: number
  created_at: string
}

interface Movie {
  movie_id: string
  title: string
  director: string
  rating: number
}

/**
 * A user's bookings with the movies they are for, as the design's users service answers
 * them: one page from the bookings service, then one request to the movies service for the
 * page's movies. A movie that left the catalogue shows as null.
 */
export function userBookings (gatewayUrl: string, timeoutMs?: number) {
  const services = upstream('cinema-users', gatewayUrl, timeoutMs)
  return async (username: string, page: { limit: number, before?: string | undefined }, request: FastifyRequest) => {
    const query = new URLSearchParams({ limit: String(page.limit), ...(page.before === undefined ? {} : { before: page.before }) })
    const bookings = await services.get<{ bookings: Booking[], next: string | null }>(`/cinema/bookings/${encodeURIComponent(username)}?${query}`, request)
    if (bookings.status !== 200) throw new UpstreamRefused(`GET /cinema/bookings/${username}`, bookings.status)
    const ids = [...new Set(bookings.body.bookings.map((b) => b.movie_id))]
    const found = new Map<string, Movie>()
    if (ids.length > 0) {
      const movies = await services.get<{ movies: Movie[] }>(`/cinema/movies?${ids.map((id) => `movie_id=${id}`).join('&')}`, request)
      if (movies.status !== 200) throw new UpstreamRefused('GET /cinema/movies', movies.status)
      for (const m of movies.body.movies) found.set(m.movie_id, m)
    }
    return {
      bookings: bookings.body.bookings.map((b) => {
        const movie = found.get(b.movie_id)
        return {
          booking_id: b.booking_id,
          date: b.date,
          movie_id: b.movie_id,
          seats: b.seats,
          created_at: b.created_at,
          movie: movie ? { title: movie.title, director: movie.director, rating: movie.rating } : null
        }
      }),
      next: bookings.body.next
    }
  }
}
