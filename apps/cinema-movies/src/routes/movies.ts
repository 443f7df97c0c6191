import { cursorParser, encodeCursor, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { BadRating, IdsWithCursor, MovieExists, MovieNotFound } from '../errors.js'
import { ListQuery, Movie, MovieChange, MovieParams, MoviePage, NewMovie } from '../schemas.js'

const tags = ['movies']
const pageKey = cursorParser('cinema-movies')

/** 7.4 -> 74; a rating with a second decimal is refused rather than rounded behind the client's back. */
function tenths (rating: number): number {
  const t = Math.round(rating * 10)
  if (Math.abs(rating * 10 - t) > 1e-9) throw new BadRating('body/rating')
  return t
}

// Handlers stay thin: the schema validates, the store does the SQL, the handler shapes the reply.
const moviesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/cinema/movies', {
    schema: {
      tags,
      summary: 'Add a movie to the catalogue',
      description: 'Answers 201 with the movie and `Location: /cinema/movies/{movie_id}`. A `movie_id` given keeps that id (409 when taken).',
      body: NewMovie,
      response: { 201: Movie, ...errorResponses(400, 409, 413, 415) }
    }
  }, async (request, reply) => {
    const { movie_id: movieId, title, director, rating } = request.body
    const movie = app.cinemaMovies.create({ title, director, rating_tenths: tenths(rating) }, movieId)
    if (!movie) throw new MovieExists(movieId!.toLowerCase())
    return reply.code(201).header('location', `/cinema/movies/${movie.movie_id}`).send(movie)
  })

  app.get('/cinema/movies', {
    schema: {
      tags,
      summary: 'The catalogue, newest first, or the movies of some ids',
      description: 'When more remain, `next` is a cursor: pass it as `before=` for the next page. ' +
        'With `movie_id` (repeated, at most 100) the answer is those of the movies that exist, in the order asked, in one page.',
      querystring: ListQuery,
      response: { 200: MoviePage, ...errorResponses(400) }
    }
  }, async (request) => {
    const { limit, before, movie_id: ids } = request.query
    if (ids) {
      if (before !== undefined) throw new IdsWithCursor()
      return { movies: app.cinemaMovies.getMany(ids), next: null }
    }
    const page = app.cinemaMovies.list(limit, pageKey(before))
    return { movies: page.movies, next: page.next && encodeCursor(page.next) }
  })

  app.get('/cinema/movies/:movie_id', {
    schema: {
      tags,
      summary: 'One movie',
      params: MovieParams,
      response: { 200: Movie, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const movie = app.cinemaMovies.get(request.params.movie_id)
    if (!movie) throw new MovieNotFound(request.params.movie_id.toLowerCase())
    return movie
  })

  app.patch('/cinema/movies/:movie_id', {
    schema: {
      tags,
      summary: 'Change a movie\'s title, director or rating',
      description: 'The fields given change, the others stay. Answers 200 with the movie as it is now.',
      params: MovieParams,
      body: MovieChange,
      response: { 200: Movie, ...errorResponses(400, 404, 413, 415) }
    }
  }, async (request) => {
    const { title, director, rating } = request.body
    const movie = app.cinemaMovies.update(request.params.movie_id, {
      ...(title === undefined ? {} : { title }),
      ...(director === undefined ? {} : { director }),
      ...(rating === undefined ? {} : { rating_tenths: tenths(rating) })
    })
    if (!movie) throw new MovieNotFound(request.params.movie_id.toLowerCase())
    return movie
  })

  app.delete('/cinema/movies/:movie_id', {
    schema: {
      tags,
      summary: 'Remove a movie from the catalogue',
      description: 'Answers 200 with the movie as it was. Showtimes and bookings that name it keep the id (the service does not call them).',
      params: MovieParams,
      response: { 200: Movie, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const movie = app.cinemaMovies.delete(request.params.movie_id)
    if (!movie) throw new MovieNotFound(request.params.movie_id.toLowerCase())
    return movie
  })
}

export default moviesRoutes
