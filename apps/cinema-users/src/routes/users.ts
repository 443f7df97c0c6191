import { actingUserGuard, cursorParser, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { userBookings } from '../bookings.js'
import { UserExists, UserNotFound } from '../errors.js'
import { BookingsQuery, ListQuery, NewUser, User, UserBookings, UserPage, UserParams } from '../schemas.js'

const tags = ['users']
const actingAs = actingUserGuard('cinema-users')
const checkCursor = cursorParser('cinema-users')

const usersRoutes: FastifyPluginAsyncTypebox<{ gatewayUrl: string, upstreamTimeoutMs: number }> = async (app, opts) => {
  const bookingsOf = userBookings(opts.gatewayUrl, opts.upstreamTimeoutMs)

  app.post('/cinema/users', {
    schema: {
      tags,
      summary: 'Register a cinema customer',
      description: 'Answers 201 with the user and `Location: /cinema/users/{username}`; a name taken (ignoring case) is a 409. ' +
        'Through the gateway, `username` must be the token\'s user (403).',
      body: NewUser,
      response: { 201: User, ...errorResponses(400, 403, 409, 413, 415) }
    }
  }, async (request, reply) => {
    actingAs(request, request.body.username)
    const user = app.cinemaUsers.create(request.body)
    if (!user) throw new UserExists(request.body.username)
    return reply.code(201).header('location', `/cinema/users/${user.username}`).send(user)
  })

  app.get('/cinema/users', {
    schema: {
      tags,
      summary: 'The customers in alphabetical order',
      description: 'Ignoring case. When more remain, `next` is the last username of the page: pass it as `after=`.',
      querystring: ListQuery,
      response: { 200: UserPage, ...errorResponses(400) }
    }
  }, async (request) => app.cinemaUsers.list(request.query.limit, request.query.after))

  app.get('/cinema/users/:username', {
    schema: {
      tags,
      summary: 'One customer',
      params: UserParams,
      response: { 200: User, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const user = app.cinemaUsers.get(request.params.username)
    if (!user) throw new UserNotFound(request.params.username)
    return user
  })

  app.get('/cinema/users/:username/bookings', {
    schema: {
      tags,
      summary: 'A customer\'s bookings, newest first, with the movies they are for',
      description: 'Read from the bookings service, each with its movie from the movies service (`movie: null` when the ' +
        'catalogue no longer has it). `next` as in the bookings service: pass it as `before=`. 503 when either cannot be asked.',
      params: UserParams,
      querystring: BookingsQuery,
      response: { 200: UserBookings, ...errorResponses(400, 404, 502, 503) }
    }
  }, async (request) => {
    const user = app.cinemaUsers.get(request.params.username)
    if (!user) throw new UserNotFound(request.params.username)
    checkCursor(request.query.before)
    const page = await bookingsOf(user.username, request.query, request)
    return { username: user.username, name: user.name, ...page }
  })
}

export default usersRoutes
