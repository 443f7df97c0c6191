import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@platform/kit'
import { errorResponses } from '@platform/kit'
import { Scored, SortBody, TopPost, TopQuery } from '../schemas.js'

const tags = ['rankings']

const rankingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/votes/top',
    {
      schema: {
        tags,
        summary: 'The top-scoring posts, anywhere or in one community',
        description:
          'Highest score first, equal scores in post id order. Only posts with at least one vote are ranked; ' +
          'a post counts in a community once a voter named it.',
        querystring: TopQuery,
        response: { 200: Type.Array(TopPost), ...errorResponses(400) }
      }
    },
    async (request) => app.votes.top(request.query.limit, request.query.community)
  )

  app.post(
    '/votes/sort',
    {
      schema: {
        tags,
        summary: 'Sort the given posts by score, highest first',
        description:
          'Posts nobody voted on score 0. Equal scores keep the order they were given in; an id given twice ' +
          '(in any letter case) is answered once.',
        body: SortBody,
        response: { 200: Type.Array(Scored), ...errorResponses(400, 413, 415) }
      }
    },
    async (request) => {
      const unique = [...new Set(request.body.post_ids.map((id) => id.toLowerCase()))]
      // Array.prototype.sort is stable: ties stay in the client's order.
      return app.votes.scores(unique).sort((a, b) => b.score - a.score)
    }
  )
}

export default rankingsRoutes
