// Cinema movies: smoke (every endpoint once), negative cases, and its part of the user journey.
import { group } from 'k6'
import { get, CLIENT_ERROR } from '../../lib/http.js'
import { expectClientError } from '../../lib/checks.js'
import { runCases } from '../../lib/negative.js'
import { pick } from '../../lib/data.js'
import { createMovie, getMovie, listMovies, moviesById, changeMovie, deleteMovie, draftMovie } from './client.js'

export const uuid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(Math.random() * 16).toString(16))

export function smoke () {
  group('cinema movies', () => {
    const movie = createMovie(draftMovie())
    const kept = createMovie({ movie_id: uuid(), ...draftMovie() })
    if (!movie || !kept) return
    getMovie(movie)
    const page = listMovies({ limit: 1 })
    if (page && page.next) listMovies({ limit: 1, before: page.next })
    moviesById([kept, movie])
    changeMovie(movie, { rating: 9.1, title: `${movie.title} (restored)` })
    for (const m of [movie, kept]) deleteMovie(m)
    expectClientError(get(`/cinema/movies/${movie.movie_id}`, { name: 'GET /cinema/movies/{movie_id}', expect: CLIENT_ERROR }), 'deleted movie is gone', 404, 'CINEMA_MOVIES_MOVIE_NOT_FOUND')
  })
}

export const negative = {
  setup () {
    const victim = createMovie(draftMovie())
    if (!victim) throw new Error('cinema movies negative setup: could not create the victim movie')
    return { victim }
  },
  run ({ victim }) {
    const good = draftMovie()
    const bad = (label, body, status = 400, code) => ({ method: 'POST', path: '/cinema/movies', label: `cinema movies: ${label}`, body, status, code })
    const id = `/cinema/movies/${victim.movie_id}`
    group('cinema movies: bogus requests', () =>
      runCases([
        bad('malformed JSON', '{"title": "x",'),
        bad('body is an array', '[]'),
        ...['title', 'director', 'rating'].map((k) => bad(`missing ${k}`, { ...good, [k]: undefined })),
        bad('blank title', { ...good, title: ' \u200b ' }),
        bad('title too long', { ...good, title: 'x'.repeat(201) }),
        bad('rating above 10', { ...good, rating: 10.5 }),
        bad('rating below 0', { ...good, rating: -1 }),
        bad('rating with two decimals', { ...good, rating: 7.45 }, 400, 'CINEMA_MOVIES_BAD_RATING'),
        bad('rating as text', { ...good, rating: '8.2' }),
        bad('rating 1e308', { ...good, rating: 1e308 }),
        bad('malformed movie id', { ...good, movie_id: 'the-martian' }),
        bad('movie id taken', { ...good, movie_id: victim.movie_id }, 409, 'CINEMA_MOVIES_MOVIE_EXISTS'),
        bad('injection as title', { ...good, title: "x'); DROP TABLE movies;--", year: 1 }),
        bad('unknown field', { ...good, year: 2015 }),
        bad('huge body', JSON.stringify({ ...good, title: 'x'.repeat(1 << 20) }), 413),
        { method: 'PATCH', path: id, label: 'cinema movies: empty change', body: {}, status: 400 },
        { method: 'PATCH', path: id, label: 'cinema movies: change the id', body: { movie_id: victim.movie_id }, status: 400 },
        { method: 'PATCH', path: id, label: 'cinema movies: change rating to 11', body: { rating: 11 }, status: 400 },
        { method: 'GET', path: '/cinema/movies/not-a-uuid', label: 'cinema movies: malformed id', status: 400 },
        { method: 'GET', path: '/cinema/movies/00000000-0000-4000-8000-000000000000', label: 'cinema movies: unknown id', status: 404, code: 'CINEMA_MOVIES_MOVIE_NOT_FOUND' },
        { method: 'PATCH', path: '/cinema/movies/00000000-0000-4000-8000-000000000000', label: 'cinema movies: change unknown', body: { rating: 1 }, status: 404, code: 'CINEMA_MOVIES_MOVIE_NOT_FOUND' },
        { method: 'DELETE', path: '/cinema/movies/00000000-0000-4000-8000-000000000000', label: 'cinema movies: delete unknown', status: 404, code: 'CINEMA_MOVIES_MOVIE_NOT_FOUND' },
        { method: 'GET', path: '/cinema/movies?limit=0', label: 'cinema movies: limit 0', status: 400 },
        { method: 'GET', path: '/cinema/movies?limit=101', label: 'cinema movies: limit 101', status: 400 },
        { method: 'GET', path: '/cinema/movies?before=AAAAAAAA', label: 'cinema movies: forged cursor', status: 400, code: 'CINEMA_MOVIES_BAD_CURSOR' },
        { method: 'GET', path: '/cinema/movies?movie_id=nope', label: 'cinema movies: malformed id in the list', status: 400 },
        { method: 'GET', path: `/cinema/movies?${Array.from({ length: 101 }, () => `movie_id=${victim.movie_id}`).join('&')}`, label: 'cinema movies: 101 ids', status: 400 },
        { method: 'GET', path: '/cinema/movies?sort=title', label: 'cinema movies: unknown parameter', status: 400 }
      ])
    )
    group('cinema movies: data unchanged afterwards', () => getMovie(victim))
  }
}

// The journey's movies part: browsing the catalogue, now and then one movie.
let seen = []
export function journey () {
  const roll = Math.random()
  if (roll < 0.2) {
    const page = listMovies({ limit: 20 })
    if (page && page.movies.length) seen = page.movies
  } else if (roll < 0.3 && seen.length) {
    getMovie(pick(seen))
  }
}
