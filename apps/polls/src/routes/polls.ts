import { actingUserGuard, cursorParser, encodeCursor, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { DuplicateResponse, NoSearchWords, PollNotFound } from '../errors.js'
import { titleWords } from '../polls-store.js'
import { ListQuery, NewPoll, Poll, PollPage, PollParams } from '../schemas.js'

const tags = ['polls']
const pageKey = cursorParser('polls')
const actingAs = actingUserGuard('polls')

/** Two responses a voter could not tell apart: equal once trimmed, NFKC-normalised and lower-cased. */
const sameResponse = (s: string) => s.trim().normalize('NFKC').toLowerCase()

const pollsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/polls', {
    schema: {
      tags,
      summary: 'Create a poll',
      description: 'Answers 201 with the poll and `Location: /polls/{poll_id}`. Through the gateway, `username` must be the token\'s user.',
      body: NewPoll,
      response: { 201: Poll, ...errorResponses(400, 403, 413, 415) }
    }
  }, async (request, reply) => {
    const { responses, username } = request.body
    const seen = new Map<string, number>()
    responses.forEach((r, i) => {
      const earlier = seen.get(sameResponse(r))
      if (earlier !== undefined) throw new DuplicateResponse(i, earlier)
      seen.set(sameResponse(r), i)
    })
    actingAs(request, username)
    const poll = app.polls.create(request.body)
    return reply.code(201).header('location', `/polls/${poll.poll_id}`).send(poll)
  })

  app.get('/polls', {
    schema: {
      tags,
      summary: 'Polls, newest first: all, by one user, or with words in the title',
      description:
        '`username` keeps one user\'s polls; `title` keeps polls whose title has every word given (whole words, ' +
        'any case, accents ignored); both together keep polls matching both. When more remain, `next` is a cursor: ' +
        'pass it as `before=` with the same filters for the next page.',
      querystring: ListQuery,
      response: { 200: PollPage, ...errorResponses(400) }
    }
  }, async (request) => {
    const { limit, username, title, before } = request.query
    const words = title === undefined ? undefined : titleWords(title)
    if (words && words.length === 0) throw new NoSearchWords()
    const page = app.polls.list(limit, { username, words }, pageKey(before))
    return { polls: page.polls, next: page.next && encodeCursor(page.next) }
  })

  app.get('/polls/:poll_id', {
    schema: {
      tags,
      summary: 'One poll',
      params: PollParams,
      response: { 200: Poll, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const poll = app.polls.get(request.params.poll_id)
    if (!poll) throw new PollNotFound(request.params.poll_id)
    return poll
  })
}

export default pollsRoutes
