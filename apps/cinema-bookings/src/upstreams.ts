import type { FastifyRequest } from 'fastify'
import { upstream } from '@platform/kit'
import { MovieNotShown, ShowtimeNotFound, UpstreamRefused, UserNotFound } from './errors.js'

interface Showtime {
  date: string
  showings: { movie_id: string, capacity: number }[]
}

/**
 * What bookings reads from the other cinema services, through the gateway: whether a user
 * exists (cinema-users) and a showing's capacity (cinema-showtimes). Capacity is read at each
 * booking, so a changed programme counts from the next booking on; the seats taken are ours.
 */
export function cinemaReads (gatewayUrl: string, timeoutMs?: number) {
  const services = upstream('cinema-bookings', gatewayUrl, timeoutMs)
  return {
    /** Throws the 404 when the users service has no such user. */
    async requireUser (username: string, request: FastifyRequest): Promise<void> {
      const { status } = await services.get(`/cinema/users/${encodeURIComponent(username)}`, request)
      if (status === 404) throw new UserNotFound(username)
      if (status !== 200) throw new UpstreamRefused('GET /cinema/users/{username}', status)
    },

    /** The seats of the showing of `movieId` on `date`; the 404 when the day or the movie is not on the programme. */
    async capacity (date: string, movieId: string, request: FastifyRequest): Promise<number> {
      const { status, body } = await services.get<Showtime>(`/cinema/showtimes/${date}`, request)
      if (status === 404) throw new ShowtimeNotFound(date)
      if (status !== 200) throw new UpstreamRefused('GET /cinema/showtimes/{date}', status)
      const showing = body.showings.find((s) => s.movie_id === movieId)
      if (!showing) throw new MovieNotShown(movieId, date)
      return showing.capacity
    }
  }
}
