import { actingUserGuard, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { AlreadyVoted, PollNotFound, UnknownChoice, VoteNotFound } from '../errors.js'
import { NewVote, PollParams, Results, Vote, VoteParams } from '../schemas.js'

const tags = ['votes']
const actingAs = actingUserGuard('polls')

const votesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/polls/:poll_id/votes', {
    schema: {
      tags,
      summary: 'Vote in a poll',
      description:
        'One vote per user per poll, final: a second vote is a 409 and changes nothing. `choice` must be one of the ' +
        'poll\'s responses as it lists them (else 400). Answers 201 with the vote and ' +
        '`Location: /polls/{poll_id}/votes/{username}`. Through the gateway, `username` must be the token\'s user.',
      params: PollParams,
      body: NewVote,
      response: { 201: Vote, ...errorResponses(400, 403, 404, 409, 413, 415) }
    }
  }, async (request, reply) => {
    const { poll_id: pollId } = request.params
    const { username, choice } = request.body
    actingAs(request, username)
    const result = app.polls.vote(pollId, username, choice)
    switch (result.outcome) {
      case 'no-poll': throw new PollNotFound(pollId)
      case 'no-such-choice': throw new UnknownChoice(JSON.stringify(result.responses))
      case 'already-voted': throw new AlreadyVoted(username, pollId)
    }
    const { vote } = result
    return reply.code(201).header('location', `/polls/${vote.poll_id}/votes/${encodeURIComponent(vote.username)}`).send(vote)
  })

  app.get('/polls/:poll_id/votes/:username', {
    schema: {
      tags,
      summary: 'One user\'s vote in a poll',
      params: VoteParams,
      response: { 200: Vote, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const { poll_id: pollId, username } = request.params
    const vote = app.polls.voteOf(pollId, username)
    if (vote) return vote
    if (!app.polls.get(pollId)) throw new PollNotFound(pollId)
    throw new VoteNotFound(username, pollId)
  })

  app.get('/polls/:poll_id/results', {
    schema: {
      tags,
      summary: 'A poll\'s results',
      description: 'Every response with its votes, in the poll\'s order, and the total: counts kept in each vote\'s transaction.',
      params: PollParams,
      response: { 200: Results, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const results = app.polls.results(request.params.poll_id)
    if (!results) throw new PollNotFound(request.params.poll_id)
    return results
  })
}

export default votesRoutes
