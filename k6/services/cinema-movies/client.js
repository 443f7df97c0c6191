// The cinema's movies service as a client uses it; each call checks the body it gets.
import { get, post, request, bodyOf } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { randomInt, randomToken } from '../../lib/data.js'
import { UUID } from '../stats/client.js'

export const ROUTES = {
  create: 'POST /cinema/movies',
  list: 'GET /cinema/movies',
  get: 'GET /cinema/movies/{movie_id}',
  change: 'PATCH /cinema/movies/{movie_id}',
  delete: 'DELETE /cinema/movies/{movie_id}'
}

/** A movie nobody has added yet. */
export const draftMovie = () => ({
  title: `The ${randomToken(6)} Affair`,
  director: `Ada ${randomToken(5)}`,
  rating: randomInt(0, 100) / 10
})

const isMovie = (b) => UUID.test(b.movie_id) && typeof b.title === 'string' && typeof b.director === 'string' &&
  typeof b.rating === 'number' && !Number.isNaN(Date.parse(b.created_at))
const same = (actual, expected) => ['movie_id', 'title', 'director', 'rating'].every((k) => !(k in expected) || actual[k] === expected[k])

export function createMovie (draft) {
  const res = post('/cinema/movies', draft, { name: ROUTES.create })
  const ok = expectJson(res, 'create movie', 201, {
    'is the movie sent': (b) => isMovie(b) && same(b, draft),
    'Location names it': (b, r) => r.headers.Location === `/cinema/movies/${b.movie_id}`
  })
  return ok ? bodyOf(res) : undefined
}

export function getMovie (expected) {
  const res = get(`/cinema/movies/${expected.movie_id}`, { name: ROUTES.get })
  return expectJson(res, 'get movie', 200, { 'is the movie': (b) => isMovie(b) && same(b, expected) })
}

/** A page newest first; returns it. */
export function listMovies ({ limit, before } = {}) {
  const query = [limit && `limit=${limit}`, before && `before=${before}`].filter(Boolean).join('&')
  const res = get(`/cinema/movies${query ? `?${query}` : ''}`, { name: ROUTES.list })
  const max = limit || 20
  const ok = expectJson(res, 'list movies', 200, {
    [`a page of at most ${max}`]: (b) => Array.isArray(b.movies) && b.movies.length <= max && b.movies.every(isMovie) && (b.next === null || typeof b.next === 'string'),
    'newest first': (b) => b.movies.every((m, i) => i === 0 || Date.parse(b.movies[i - 1].created_at) >= Date.parse(m.created_at))
  })
  return ok ? bodyOf(res) : undefined
}

/** The movies of these ids, in the order asked. */
export function moviesById (movies) {
  const res = get(`/cinema/movies?${movies.map((m) => `movie_id=${m.movie_id}`).join('&')}`, { name: `${ROUTES.list}?movie_id` })
  return expectJson(res, 'movies by id', 200, {
    'are the movies asked, in order': (b) => b.next === null && b.movies.length === movies.length && b.movies.every((m, i) => same(m, movies[i]))
  })
}

export function changeMovie (movie, change) {
  const res = request('PATCH', `/cinema/movies/${movie.movie_id}`, change, { name: ROUTES.change })
  return expectJson(res, 'change movie', 200, { 'is changed': (b) => same(b, { ...movie, ...change }) })
}

export function deleteMovie (movie) {
  const res = request('DELETE', `/cinema/movies/${movie.movie_id}`, undefined, { name: ROUTES.delete })
  return expectJson(res, 'delete movie', 200, { 'answers the movie deleted': (b) => b.movie_id === movie.movie_id })
}
