import { errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { bytesToUuid, newUuid, uuidToBytes } from '@platform/ids'
import { roundedRatio } from '../aggregates.js'
import { emptyStatsRow } from '../stats-row.js'
import { UsernameNotFound, UsernameTaken, UserNotFound } from '../errors.js'
import { NewUser, Stats, User, UserIdParams, UsernameQuery } from '../schemas.js'

const users: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/stats/users', {
    schema: {
      tags: ['users'],
      summary: 'Register a user',
      description: 'Gives the user a fresh UUID (201). Safe to replay: the same username again answers 200 with ' +
        'the user as first registered. A name taken in another letter case is a 409.',
      body: NewUser,
      response: { 200: User, 201: User, ...errorResponses(400, 409, 413, 415, 503) }
    }
  }, async (req, reply) => {
    const { username } = req.body
    const { user, created } = await app.layout.users.register(newUuid().bytes, username)
    if (!created && user.username !== username) throw new UsernameTaken(username, user.username)
    const userId = bytesToUuid(user.userId)
    return reply.code(created ? 201 : 200).header('location', `/stats/users/${userId}`).send({ user_id: userId, username })
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
    // A stats row exists only for a registered user (games are recorded for registered users,
    // and users are never removed), so the users database is read only for a user without games.
    let s = app.layout.shards.forUser(userId).stats(userId)
    if (s === undefined) {
      if (app.layout.users.usernameOf(userId) === undefined) throw new UserNotFound(req.params.user_id)
      s = emptyStatsRow(0)
    }
    return {
      currentStreak: s.current_streak,
      maxStreak: s.max_streak,
      guesses: { 1: s.g1, 2: s.g2, 3: s.g3, 4: s.g4, 5: s.g5, 6: s.g6, fail: s.fails },
      winPercentage: roundedRatio(100 * s.games_won, s.games_played),
      gamesPlayed: s.games_played,
      gamesWon: s.games_won,
      averageGuesses: roundedRatio(s.won_guesses, s.games_won)
    }
  })
}

export default users
