import { v4 as uuidv4 } from 'uuid'
import { errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { bytesToUuid, uuidToBytes } from '@platform/shard'
import { isUniqueViolation } from '@platform/sqlite'
import { roundedRatio } from '../aggregates.js'
import { UsernameNotFound, UsernameTaken, UserNotFound } from '../errors.js'
import { NewUser, Stats, User, UserIdParams, UsernameQuery } from '../schemas.js'

const users: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/stats/users', {
    schema: {
      tags: ['users'],
      summary: 'Register a user',
      description: 'Gives the user a fresh UUID. The username must be unique.',
      body: NewUser,
      response: { 201: User, ...errorResponses(400, 409, 413, 415) }
    }
  }, async (req, reply) => {
    const userId = uuidv4()
    try {
      app.layout.users.insert(uuidToBytes(userId), req.body.username)
    } catch (err) {
      if (isUniqueViolation(err)) throw new UsernameTaken(req.body.username)
      throw err
    }
    return reply.code(201).header('location', `/stats/users/${userId}`).send({ user_id: userId, username: req.body.username })
  })

  app.get('/stats/users', {
    schema: {
      tags: ['users'],
      summary: 'Find a user by username',
      querystring: UsernameQuery,
      response: { 200: User, ...errorResponses(400, 404) }
    }
  }, async (req) => {
    const user = app.layout.users.findByUsername(req.query.username)
    if (!user) throw new UsernameNotFound(req.query.username)
    return { user_id: bytesToUuid(user.userId), username: user.username }
  })

  app.get('/stats/users/:user_id', {
    schema: {
      tags: ['stats'],
      summary: "A user's statistics",
      description: 'NYT format. Streaks count UTC days with at least one win; zeros for a user with no games.',
      params: UserIdParams,
      response: { 200: Stats, ...errorResponses(400, 404) }
    }
  }, async (req) => {
    const userId = uuidToBytes(req.params.user_id)
    if (app.layout.users.usernameOf(userId) === undefined) throw new UserNotFound(req.params.user_id)
    const s = app.layout.shards.forUser(userId).stats(userId)
    if (!s) {
      return {
        currentStreak: 0, maxStreak: 0, guesses: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, fail: 0 },
        winPercentage: 0, gamesPlayed: 0, gamesWon: 0, averageGuesses: 0
      }
    }
    const [g1, g2, g3, g4, g5, g6] = s.byGuesses
    return {
      currentStreak: s.currentStreak,
      maxStreak: s.maxStreak,
      guesses: { 1: g1!, 2: g2!, 3: g3!, 4: g4!, 5: g5!, 6: g6!, fail: s.fails },
      winPercentage: roundedRatio(100 * s.gamesWon, s.gamesPlayed),
      gamesPlayed: s.gamesPlayed,
      gamesWon: s.gamesWon,
      averageGuesses: roundedRatio(s.wonGuesses, s.gamesWon)
    }
  })
}

export default users
