import { errorResponses } from '@platform/kit'
import type { FastifyPluginAsyncTypebox } from '@platform/kit'
import { showDateParser } from '@platform/cinema'
import { ShowtimeExists, ShowtimeNotFound } from '../errors.js'
import { movieCheck } from '../movies.js'
import { DateParams, ListQuery, NewShowtime, Showtime, ShowtimeChange, ShowtimePage } from '../schemas.js'

const tags = ['showtimes']
const showDate = showDateParser('cinema-showtimes')

const showtimesRoutes: FastifyPluginAsyncTypebox<{ gatewayUrl: string, upstreamTimeoutMs: number }> = async (app, opts) => {
  const existingMovies = movieCheck(opts.gatewayUrl, opts.upstreamTimeoutMs)

  app.post('/cinema/showtimes', {
    schema: {
      tags,
      summary: 'Put a day on the programme',
      description: 'Answers 201 with the day and `Location: /cinema/showtimes/{YYYY-MM-DD}`. Every movie must exist in ' +
        'the movies service (404 naming the missing ids; 503 when it cannot be asked); a day already on the programme is a 409.',
      body: NewShowtime,
      response: { 201: Showtime, ...errorResponses(400, 404, 409, 413, 415, 502, 503) }
    }
  }, async (request, reply) => {
    const date = showDate(request.body.date, 'body/date')
    if (app.cinemaShowtimes.get(date)) throw new ShowtimeExists(date)
    const showtime = app.cinemaShowtimes.create(date, await existingMovies(request.body.showings, request))
    if (!showtime) throw new ShowtimeExists(date)
    return reply.code(201).header('location', `/cinema/showtimes/${date}`).send(showtime)
  })

  app.get('/cinema/showtimes', {
    schema: {
      tags,
      summary: 'The programme: days in calendar order with their showings',
      description: 'When more days remain, `next` is the last day of the page: pass it as `after=` for the next page.',
      querystring: ListQuery,
      response: { 200: ShowtimePage, ...errorResponses(400) }
    }
  }, async (request) => {
    const { limit, after } = request.query
    return app.cinemaShowtimes.list(limit, after === undefined ? undefined : showDate(after, 'querystring/after'))
  })

  app.get('/cinema/showtimes/:date', {
    schema: {
      tags,
      summary: 'One day: the movies shown and the seats of each showing',
      description: 'The date as `YYYYMMDD` (20151201) or `YYYY-MM-DD`.',
      params: DateParams,
      response: { 200: Showtime, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const date = showDate(request.params.date, 'params/date')
    const showtime = app.cinemaShowtimes.get(date)
    if (!showtime) throw new ShowtimeNotFound(date)
    return showtime
  })

  app.put('/cinema/showtimes/:date', {
    schema: {
      tags,
      summary: 'Change a day\'s showings',
      description: 'Replaces the day\'s showings with the ones given (the movies checked as for a new day). Seats already ' +
        'booked are the bookings service\'s: a capacity lowered below them leaves the showing sold out, nothing is cancelled.',
      params: DateParams,
      body: ShowtimeChange,
      response: { 200: Showtime, ...errorResponses(400, 404, 413, 415, 502, 503) }
    }
  }, async (request) => {
    const date = showDate(request.params.date, 'params/date')
    if (!app.cinemaShowtimes.get(date)) throw new ShowtimeNotFound(date)
    const showtime = app.cinemaShowtimes.replace(date, await existingMovies(request.body.showings, request))
    if (!showtime) throw new ShowtimeNotFound(date)
    return showtime
  })

  app.delete('/cinema/showtimes/:date', {
    schema: {
      tags,
      summary: 'Take a day off the programme',
      description: 'Answers 200 with the day as it was. Its bookings stay in the bookings service.',
      params: DateParams,
      response: { 200: Showtime, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const date = showDate(request.params.date, 'params/date')
    const showtime = app.cinemaShowtimes.delete(date)
    if (!showtime) throw new ShowtimeNotFound(date)
    return showtime
  })
}

export default showtimesRoutes
