// The polls service as a client uses it; each call checks the body it gets.
import { get, post, bodyOf, encode } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { UUID } from '../stats/client.js'

export const ROUTES = {
  create: 'POST /polls',
  list: 'GET /polls',
  get: 'GET /polls/{poll_id}',
  vote: 'POST /polls/{poll_id}/votes',
  getVote: 'GET /polls/{poll_id}/votes/{username}',
  results: 'GET /polls/{poll_id}/results'
}

const samePoll = (actual, expected) =>
  actual.title === expected.title && actual.username === expected.username &&
  JSON.stringify(actual.responses) === JSON.stringify(expected.responses)

export function createPoll (draft) {
  const res = post('/polls', draft, { name: ROUTES.create })
  const ok = expectJson(res, 'create poll', 201, {
    'is the poll sent': (b) => UUID.test(b.poll_id) && samePoll(b, draft) && !Number.isNaN(Date.parse(b.created_at)),
    'Location names it': (b, r) => r.headers.Location === `/polls/${b.poll_id}`
  })
  return ok ? bodyOf(res) : undefined
}

export function getPoll (expected) {
  const res = get(`/polls/${expected.poll_id}`, { name: ROUTES.get })
  return expectJson(res, 'get poll', 200, { 'is the poll': (b) => b.poll_id === expected.poll_id && samePoll(b, expected) })
}

/** Newest first, at most `limit`; only `username`'s, only titles with every word of `title`, when given. */
export function listPolls ({ username, title, limit, before, expected } = {}) {
  const query = [
    username && `username=${encode(username)}`,
    title && `title=${encode(title)}`,
    limit && `limit=${limit}`,
    before && `before=${encode(before)}`
  ].filter(Boolean).join('&')
  const res = get(`/polls${query ? `?${query}` : ''}`, { name: ROUTES.list })
  const max = limit || 20
  const words = title ? title.toLowerCase().split(/\s+/).filter(Boolean) : []
  const ok = expectJson(res, 'list polls', 200, {
    [`a page of at most ${max}`]: (b) => Array.isArray(b.polls) && b.polls.length <= max && (b.next === null || typeof b.next === 'string'),
    'newest first': (b) => b.polls.every((p, i) => i === 0 || Date.parse(b.polls[i - 1].created_at) >= Date.parse(p.created_at)),
    'of the user asked': (b) => !username || b.polls.every((p) => p.username === username),
    'with the words asked': (b) => b.polls.every((p) => words.every((w) => p.title.toLowerCase().includes(w))),
    'the polls expected': (b) => !expected || expected.every((id, i) => b.polls[i] && b.polls[i].poll_id === id)
  })
  return ok ? bodyOf(res) : undefined
}

export function vote (poll, username, choice) {
  const res = post(`/polls/${poll.poll_id}/votes`, { username, choice }, { name: ROUTES.vote })
  const ok = expectJson(res, 'vote in poll', 201, {
    'is the vote': (b) => b.poll_id === poll.poll_id && b.username === username && b.choice === choice,
    'Location names the vote': (_, r) => r.headers.Location === `/polls/${poll.poll_id}/votes/${encode(username)}`
  })
  return ok ? bodyOf(res) : undefined
}

export function getVote (poll, username, choice) {
  const res = get(`/polls/${poll.poll_id}/votes/${encode(username)}`, { name: ROUTES.getVote })
  return expectJson(res, 'get vote', 200, { 'is the vote': (b) => b.poll_id === poll.poll_id && b.username === username && b.choice === choice })
}

/** `counts`: {choice: votes} the results must show at least (others vote too under load), or exactly when `exact`. */
export function results (poll, { counts, exact } = {}) {
  const res = get(`/polls/${poll.poll_id}/results`, { name: ROUTES.results })
  return expectJson(res, 'poll results', 200, {
    "every response in the poll's order": (b) => b.poll_id === poll.poll_id && JSON.stringify(b.results.map((r) => r.choice)) === JSON.stringify(poll.responses),
    'the total adds up': (b) => b.total === b.results.reduce((sum, r) => sum + r.votes, 0),
    'counts the votes cast': (b) => !counts || b.results.every((r) => counts[r.choice] === undefined || (exact ? r.votes === counts[r.choice] : r.votes >= counts[r.choice]))
  })
}
