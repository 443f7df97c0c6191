import type { FastifyRequest } from 'fastify'
import { upstream } from '@platform/kit'
import { DuplicateMovie, MovieNotFound, UpstreamRefused } from './errors.js'
import type { Showing } from './schemas.js'

/**
 * The movies service, asked whether a programme's movies exist: one request for all of them
 * (`GET /cinema/movies?movie_id=...`). A showtime never names a movie the catalogue lacks
 * when it is written; a movie deleted later stays named (the catalogue does not call here).
 */
export function movieCheck (gatewayUrl: string, timeoutMs?: number) {
  const movies = upstream('cinema-showtimes', gatewayUrl, timeoutMs)
  return async (showings: Showing[], request: FastifyRequest): Promise<Showing[]> => {
    const normal = showings.map((s) => ({ movie_id: s.movie_id.toLowerCase(), capacity: s.capacity }))
    const ids = normal.map((s) => s.movie_id)
    const twice = ids.find((id, i) => ids.indexOf(id) !== i)
    if (twice) throw new DuplicateMovie(twice)
    const path = `/cinema/movies?${ids.map((id) => `movie_id=${id}`).join('&')}`
    const { status, body } = await movies.get<{ movies: { movie_id: string }[] }>(path, request)
    if (status !== 200) throw new UpstreamRefused('GET /cinema/movies', status)
    const known = new Set(body.movies.map((m) => m.movie_id))
    const missing = ids.filter((id) => !known.has(id))
    if (missing.length > 0) throw new MovieNotFound(missing.join(', '), 'the movies service has no movie of this id')
    return normal
  }
}
