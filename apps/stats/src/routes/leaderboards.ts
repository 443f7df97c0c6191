import type { FastifyReply } from 'fastify'
import { errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { bytesToUuid } from '@platform/ids'
import { mergeTopK } from '@platform/shard'
import type { GamesStore, Ranked } from '../games-store.js'
import { createLeaderboardCache } from '../leaderboard-cache.js'
import { LeaderboardQuery, StreaksBoard, WinsBoard } from '../schemas.js'

// Count descending, then username ascending (usernames are ASCII, so this is SQLite's BINARY order).
const byCountThenName = (a: Ranked, b: Ranked) => b.count - a.count || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0)

// The cache keeps each answer as the JSON its route's response schema serializes it to (once per
// state of the shards): Fastify sends a string typed JSON as it is, with no serializing per request.
const json = (reply: FastifyReply, body: ReturnType<FastifyReply['serialize']>) => reply.type('application/json; charset=utf-8').send(body)

const leaderboards: FastifyPluginAsyncTypebox = async (app) => {
  // Each shard ranks its own users from an index; the top `limit` overall is among their tops.
  const top = (limit: number, pick: (shard: GamesStore) => Ranked[]) =>
    mergeTopK(app.layout.shards.stores.map(pick), limit, byCountThenName)
  const { stores, dbs } = app.layout.shards
  const cache = createLeaderboardCache(dbs, () => {
    let n = 0
    for (const s of stores) n += s.commits
    return n
  })

  app.get('/stats/leaderboards/wins', {
    schema: {
      tags: ['leaderboards'],
      summary: 'Users with the most won games',
      description: 'Wins descending, then username ascending. Users without a win are not listed.',
      querystring: LeaderboardQuery,
      response: { 200: WinsBoard, ...errorResponses(400) }
    }
  }, async (req, reply) => {
    const { limit } = req.query
    return json(reply, cache.get(`wins:${limit}`, () => reply.serialize(
      top(limit, (s) => s.topWins(limit)).map((r) => ({ user_id: bytesToUuid(r.userId), username: r.username, wins: r.count })))))
  })

  app.get('/stats/leaderboards/streaks', {
    schema: {
      tags: ['leaderboards'],
      summary: 'Users with the longest winning streaks',
      description: 'Longest streak of consecutive won days, descending, then username ascending.',
      querystring: LeaderboardQuery,
      response: { 200: StreaksBoard, ...errorResponses(400) }
    }
  }, async (req, reply) => {
    const { limit } = req.query
    return json(reply, cache.get(`streaks:${limit}`, () => reply.serialize(
      top(limit, (s) => s.topStreaks(limit)).map((r) => ({ user_id: bytesToUuid(r.userId), username: r.username, streak: r.count })))))
  })
}

export default leaderboards
