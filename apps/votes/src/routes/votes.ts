import type { FastifyPluginAsyncTypebox } from '@platform/kit'
import { actingUserGuard, errorResponses } from '@platform/kit'
import { AlreadyVoted, CommunityMismatch } from '../errors.js'
import { PostParams, Tally, VoteBody, VoteResult } from '../schemas.js'
import type { Direction } from '../votes-store.js'

const tags = ['votes']
const actingAs = actingUserGuard('votes')

const votesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const direction of ['up', 'down'] as Direction[]) {
    app.post(
      `/votes/:post_id/${direction}votes`,
      {
        schema: {
          tags,
          summary: `${direction === 'up' ? 'Upvote' : 'Downvote'} a post`,
          description:
            'One vote per user per post: the same vote again is a 409 and changes nothing; the opposite vote ' +
            'replaces the earlier one. The post is not looked up in the posts service. `community`, when given, ' +
            "is recorded as the post's community for /votes/top (409 if the post already has another). " +
            'Answers 201 with the post\'s new counts; `Location` is the post\'s tally. Through the gateway, ' +
            '`username` must be the token\'s user (403).',
          params: PostParams,
          body: VoteBody,
          response: { 201: VoteResult, ...errorResponses(400, 403, 409, 413, 415) }
        }
      },
      async (request, reply) => {
        const { post_id: postId } = request.params
        const { username, community } = request.body
        actingAs(request, username)
        const result = app.votes.vote(postId, username, direction, community)
        if (result.outcome === 'same-vote') throw new AlreadyVoted(username, direction, postId)
        if (result.outcome === 'community-mismatch') throw new CommunityMismatch(postId, result.recorded, result.given)
        const { tally } = result
        return reply
          .code(201)
          .header('location', `/votes/${tally.post_id}`)
          .send({ post_id: tally.post_id, username, vote: direction, previous: result.previous, upvotes: tally.upvotes, downvotes: tally.downvotes, score: tally.score })
      }
    )
  }

  app.get(
    '/votes/:post_id',
    {
      schema: {
        tags,
        summary: "A post's upvotes, downvotes and score",
        description: 'Zeros for a post nobody voted on (this service does not know which posts exist).',
        params: PostParams,
        response: { 200: Tally, ...errorResponses(400) }
      }
    },
    async (request) => app.votes.tally(request.params.post_id)
  )
}

export default votesRoutes
