import { actingUserGuard, cursorParser, encodeCursor, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { showDateParser } from '@platform/cinema'
import { AlreadyBooked, BookingNotFound, SoldOut } from '../errors.js'
import { cinemaReads } from '../upstreams.js'
import { Booking, BookingPage, BookingParams, ListQuery, NewBooking, Seats, ShowingParams, UserBookingPage, UserParams } from '../schemas.js'

const tags = ['bookings']
const actingAs = actingUserGuard('cinema-bookings')
const pageKey = cursorParser('cinema-bookings')
const showDate = showDateParser('cinema-bookings')

const bookingsRoutes: FastifyPluginAsyncTypebox<{ gatewayUrl: string, upstreamTimeoutMs: number }> = async (app, opts) => {
  const reads = cinemaReads(opts.gatewayUrl, opts.upstreamTimeoutMs)

  app.post('/cinema/bookings', {
    schema: {
      tags,
      summary: 'Book seats of a showing',
      description: 'Answers 201 with the booking and `Location: /cinema/bookings/{username}/{booking_id}`. 404 when the user ' +
        '(users service), the day or the movie on that day (showtimes service) does not exist; 409 when the showing has fewer ' +
        'seats left than asked (`CINEMA_BOOKINGS_SOLD_OUT`) or the user has booked it already (`CINEMA_BOOKINGS_ALREADY_BOOKED`); ' +
        '503 when a service it reads cannot be asked. Through the gateway, `username` must be the token\'s user (403).',
      body: NewBooking,
      response: { 201: Booking, ...errorResponses(400, 403, 404, 409, 413, 415, 502, 503) }
    }
  }, async (request, reply) => {
    const { username, seats } = request.body
    actingAs(request, username)
    const date = showDate(request.body.date, 'body/date')
    const movieId = request.body.movie_id.toLowerCase()
    const [, capacity] = await Promise.all([reads.requireUser(username, request), reads.capacity(date, movieId, request)])
    const result = app.cinemaBookings.book({ username, date, movie_id: movieId, seats }, capacity)
    if (result.outcome === 'already-booked') throw new AlreadyBooked(username, movieId, date, result.booking.booking_id)
    if (result.outcome === 'sold-out') throw new SoldOut(movieId, date, result.available, seats)
    const { booking } = result
    return reply.code(201).header('location', `/cinema/bookings/${booking.username}/${booking.booking_id}`).send(booking)
  })

  app.get('/cinema/bookings', {
    schema: {
      tags,
      summary: 'Every booking, newest first',
      description: 'When more remain, `next` is a cursor: pass it as `before=` for the next page.',
      querystring: ListQuery,
      response: { 200: BookingPage, ...errorResponses(400) }
    }
  }, async (request) => {
    const page = app.cinemaBookings.list(request.query.limit, pageKey(request.query.before))
    return { bookings: page.bookings, next: page.next && encodeCursor(page.next) }
  })

  app.get('/cinema/bookings/:username', {
    schema: {
      tags,
      summary: 'A user\'s bookings, newest first',
      description: 'As the design\'s `GET /bookings/<username>`, paged (`next`, `before=`). A user with no booking is an empty ' +
        'list, an unknown user a 404 (asked of the users service only then: 503 when it cannot be asked).',
      params: UserParams,
      querystring: ListQuery,
      response: { 200: UserBookingPage, ...errorResponses(400, 404, 502, 503) }
    }
  }, async (request) => {
    const { username } = request.params
    const page = app.cinemaBookings.listOf(username, request.query.limit, pageKey(request.query.before))
    // Bookings are only ever made for users that exist: a user with one needs no asking.
    if (page.bookings.length === 0) await reads.requireUser(username, request)
    return { username, bookings: page.bookings, next: page.next && encodeCursor(page.next) }
  })

  app.get('/cinema/bookings/:username/:booking_id', {
    schema: {
      tags,
      summary: 'One booking',
      params: BookingParams,
      response: { 200: Booking, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const { username, booking_id: bookingId } = request.params
    const booking = app.cinemaBookings.get(username, bookingId)
    if (!booking) throw new BookingNotFound(username, bookingId.toLowerCase())
    return booking
  })

  app.delete('/cinema/bookings/:username/:booking_id', {
    schema: {
      tags,
      summary: 'Cancel a booking',
      description: 'Answers 200 with the booking as it was; its seats are free again. Through the gateway, `username` must be the token\'s user (403).',
      params: BookingParams,
      response: { 200: Booking, ...errorResponses(400, 403, 404) }
    }
  }, async (request) => {
    const { username, booking_id: bookingId } = request.params
    actingAs(request, username)
    const booking = app.cinemaBookings.cancel(username, bookingId)
    if (!booking) throw new BookingNotFound(username, bookingId.toLowerCase())
    return booking
  })

  app.get('/cinema/bookings/showings/:date/:movie_id', {
    schema: {
      tags,
      summary: 'The seats of one showing: capacity, booked, available',
      description: 'Capacity from the showtimes service (404 when the day or the movie on that day is not on the programme), booked from here.',
      params: ShowingParams,
      response: { 200: Seats, ...errorResponses(400, 404, 502, 503) }
    }
  }, async (request) => {
    const date = showDate(request.params.date, 'params/date')
    const movieId = request.params.movie_id.toLowerCase()
    const capacity = await reads.capacity(date, movieId, request)
    const booked = app.cinemaBookings.booked(date, movieId)
    return { date, movie_id: movieId, capacity, booked, available: Math.max(0, capacity - booked) }
  })
}

export default bookingsRoutes
