import { errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { uuidToBytes } from '@platform/ids'
import { isUniqueViolation } from '@platform/sqlite'
import { parseFinished } from '../days.js'
import { BadFinished, GameExists, GameNotFound, UserNotFound } from '../errors.js'
import { Game, GameParams, NewGame } from '../schemas.js'

const games: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/stats/games', {
    schema: {
      tags: ['games'],
      summary: 'Record a finished game',
      description: 'Updates the player\'s statistics in the same transaction (201). Games may arrive in any order. ' +
        'Safe to replay: the same game again answers 200 with the game as recorded; the same game_id with other ' +
        'values is a 409.',
      body: NewGame,
      response: { 200: Game, 201: Game, ...errorResponses(400, 404, 409, 413, 415, 503) }
    }
  }, async (req, reply) => {
    const { user_id: id, game_id: gameId, guesses, won } = req.body
    const userId = uuidToBytes(id)
    const username = app.layout.users.usernameOf(userId)
    if (username === undefined) throw new UserNotFound(id)
    // The format check parses with the same function, so this holds; the 400 guards a future drift.
    const parsed = parseFinished(req.body.finished)
    if (!parsed) throw new BadFinished(req.body.finished)
    const { finished, day } = parsed
    const shard = app.layout.shards.forUser(userId)
    let created = true
    try {
      await shard.insert({ userId, gameId, finished, guesses, won }, day, username)
    } catch (err) {
      if (!isUniqueViolation(err)) throw err
      const recorded = shard.get(userId, gameId)
      if (!recorded || recorded.finished !== finished || recorded.guesses !== guesses || recorded.won !== won) throw new GameExists(gameId, id)
      created = false
    }
    const userIdText = id.toLowerCase()
    return reply
      .code(created ? 201 : 200)
      .header('location', `/stats/users/${userIdText}/games/${gameId}`)
      .send({ user_id: userIdText, game_id: gameId, finished, guesses, won })
  })

  app.get('/stats/users/:user_id/games/:game_id', {
    schema: {
      tags: ['games'],
      summary: 'One recorded game',
      params: GameParams,
      response: { 200: Game, ...errorResponses(400, 404) }
    }
  }, async (req) => {
    const userId = uuidToBytes(req.params.user_id)
    const game = app.layout.shards.forUser(userId).get(userId, req.params.game_id)
    if (!game) throw new GameNotFound(req.params.game_id, req.params.user_id)
    return { user_id: req.params.user_id.toLowerCase(), game_id: game.gameId, finished: game.finished, guesses: game.guesses, won: game.won }
  })
}

export default games
