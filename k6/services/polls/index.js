// Polls service: smoke (every endpoint once), negative cases, and its part of the user journey.
import { group } from 'k6'
import exec from 'k6/execution'
import { uniqueName, randomToken, pick } from '../../lib/data.js'
import { runCases } from '../../lib/negative.js'
import { badEncodings, badText, nonDecimalLimits, unknownParameters, withLoneSurrogate } from '../../lib/hostile.js'
import { createPoll, getPoll, listPolls, vote, getVote, results } from './client.js'

const WORDS = ['CRANE', 'SLATE', 'ADIEU', 'AUDIO', 'RAISE', 'STARE', 'ROATE', 'SALET']
const draft = (username, extra = {}) => {
  const responses = [...WORDS].sort(() => Math.random() - 0.5).slice(0, 2 + Math.floor(Math.random() * 4))
  return { title: `Best opener ${randomToken(6)}?`, username, responses, ...extra }
}

export function smoke () {
  group('polls', () => {
    const author = uniqueName('k6smoke')
    const poll = createPoll(draft(author))
    if (!poll) return
    getPoll(poll)
    const [ada, bob] = [uniqueName('k6smoke'), uniqueName('k6smoke')]
    vote(poll, ada, poll.responses[0])
    vote(poll, bob, poll.responses[1])
    getVote(poll, ada, poll.responses[0])
    results(poll, { counts: { [poll.responses[0]]: 1, [poll.responses[1]]: 1 }, exact: true })
    const second = createPoll(draft(author))
    if (!second) return
    const page = listPolls({ username: author, limit: 1, expected: [second.poll_id] })
    if (page && page.next) listPolls({ username: author, limit: 1, before: page.next, expected: [poll.poll_id] })
    // The title's random token is a word only this poll has.
    listPolls({ title: poll.title.split(' ')[2].replace('?', ''), expected: [poll.poll_id] })
    listPolls()
  })
}

export const negative = {
  setup () {
    const poll = createPoll(draft(uniqueName('k6neg')))
    if (!poll) throw new Error('polls negative setup: could not create the victim poll')
    const voter = uniqueName('k6neg')
    if (!vote(poll, voter, poll.responses[0])) throw new Error('polls negative setup: could not vote')
    return { poll, voter }
  },
  run ({ poll, voter }) {
    const good = draft(uniqueName('k6neg'))
    const other = uniqueName('k6neg')
    const bad = (label, body, status = 400, code) => ({ method: 'POST', path: '/polls', label: `polls: ${label}`, body, status, code })
    const badVote = (label, body, status = 400, code) => ({ method: 'POST', path: `/polls/${poll.poll_id}/votes`, label: `polls vote: ${label}`, body, status, code })
    group('polls: bogus requests', () =>
      runCases([
        bad('malformed JSON', '{"title": "x",'),
        bad('body is an array', '[]'),
        ...['title', 'username', 'responses'].map((k) => bad(`missing ${k}`, { ...good, [k]: undefined })),
        bad('blank title', { ...good, title: ' \u200b ' }),
        bad('title too long', { ...good, title: 'x'.repeat(301) }),
        bad('one response', { ...good, responses: ['yes'] }),
        bad('eleven responses', { ...good, responses: Array.from({ length: 11 }, (_, i) => `r${i}`) }),
        bad('a blank response', { ...good, responses: ['yes', '   '] }),
        bad('duplicate responses', { ...good, responses: ['Yes', 'no', ' yes'] }, 400, 'POLLS_DUPLICATE_RESPONSE'),
        bad('responses as a string', { ...good, responses: 'yes,no' }),
        bad('a response that is a number', { ...good, responses: ['yes', 2] }),
        bad('bad username', { ...good, username: '../admin' }),
        bad('unknown field', { ...good, votes: 1000 }),
        bad('huge body', JSON.stringify({ ...good, title: 'x'.repeat(1 << 20) }), 413),
        badVote('second vote by the same user', { username: voter, choice: poll.responses[1] }, 409, 'POLLS_ALREADY_VOTED'),
        badVote('a choice not in the poll', { username: other, choice: 'NOT AN OPTION' }, 400, 'POLLS_UNKNOWN_CHOICE'),
        badVote('a choice in the wrong case', { username: other, choice: poll.responses[0].toLowerCase() }, 400, 'POLLS_UNKNOWN_CHOICE'),
        badVote('missing choice', { username: other }),
        badVote('choice is a number', { username: other, choice: 1 }),
        badVote('injection as choice', { username: other, choice: "x'); DROP TABLE votes;--" }, 400, 'POLLS_UNKNOWN_CHOICE'),
        badVote('unknown field', { username: other, choice: poll.responses[0], weight: 5 }),
        { method: 'POST', path: '/polls/00000000-0000-4000-8000-000000000000/votes', label: 'polls vote: unknown poll', body: { username: other, choice: 'CRANE' }, status: 404, code: 'POLLS_POLL_NOT_FOUND' },
        { method: 'GET', path: '/polls/not-a-uuid', label: 'polls: malformed id', status: 400 },
        { method: 'GET', path: '/polls/00000000-0000-4000-8000-000000000000', label: 'polls: unknown id', status: 404, code: 'POLLS_POLL_NOT_FOUND' },
        { method: 'GET', path: '/polls/00000000-0000-4000-8000-000000000000/results', label: 'polls: results of unknown poll', status: 404, code: 'POLLS_POLL_NOT_FOUND' },
        { method: 'GET', path: `/polls/${poll.poll_id}/votes/${other}`, label: 'polls: a vote never cast', status: 404, code: 'POLLS_VOTE_NOT_FOUND' },
        { method: 'GET', path: '/polls?limit=0', label: 'polls: limit 0', status: 400 },
        { method: 'GET', path: '/polls?limit=101', label: 'polls: limit 101', status: 400 },
        { method: 'GET', path: '/polls?before=AAAAAAAA', label: 'polls: forged cursor', status: 400 },
        { method: 'GET', path: '/polls?title=%22%20*%20(', label: 'polls: a search with no word', status: 400, code: 'POLLS_NO_SEARCH_WORDS' },
        { method: 'GET', path: `/polls?title=${'x'.repeat(201)}`, label: 'polls: search too long', status: 400 },
        { method: 'GET', path: '/polls?username=a%20b', label: 'polls: bad username filter', status: 400 },
        { method: 'GET', path: '/polls?sort=new', label: 'polls: unknown query parameter', status: 400 }
      ])
    )
    const id = poll.poll_id
    group('polls: hostile requests', () =>
      runCases([
        ...badText('polls', 'POST', '/polls', good, { fields: ['title'], visible: ['title'] }),
        bad('lone surrogate in a response', JSON.stringify(good).replace('"responses":["', '"responses":["\\ud800'), 400, 'FST_ERR_VALIDATION'),
        bad('invisible response', { ...good, responses: ['yes', '\u200b\u2060'] }, 400, 'FST_ERR_VALIDATION'),
        badVote('lone surrogate in the choice', withLoneSurrogate({ username: other, choice: poll.responses[0] }, 'choice'), 400, 'FST_ERR_VALIDATION'),
        ...badEncodings('polls', 'POST', '/polls', good),
        ...nonDecimalLimits('polls', ['/polls', `/polls?username=${poll.username}`]),
        ...unknownParameters('polls', [['GET', `/polls/${id}`], ['GET', `/polls/${id}/results`], ['GET', `/polls/${id}/votes/${voter}`], ['POST', `/polls/${id}/votes`, { username: other, choice: poll.responses[0] }]]),
        { method: 'GET', path: '/polls?title=%ED%A0%80', label: 'polls: an encoded lone surrogate in the search', status: 400, code: 'FST_ERR_BAD_URL' },
      ])
    )
    group('polls: data unchanged afterwards', () => {
      getPoll(poll)
      getVote(poll, voter, poll.responses[0])
      results(poll, { counts: Object.fromEntries(poll.responses.map((r, i) => [r, i === 0 ? 1 : 0])), exact: true })
    })
  }
}

// The journey's polls part: now and then create a poll; vote once in polls of the newest page;
// read results; search titles.
let me
const voted = new Set()
let recent = []
export function journey () {
  me ??= uniqueName('k6load', exec.vu.idInTest)
  const roll = Math.random()
  if (roll < 0.03) {
    const poll = createPoll(draft(me))
    if (poll) recent = [poll, ...recent].slice(0, 20)
  } else if (roll < 0.15) {
    const page = listPolls({ limit: 20 })
    if (page && page.polls.length) recent = page.polls
  } else if (roll < 0.22 && recent.length) {
    const poll = pick(recent)
    // One vote per poll (a second is a 409, tested in negative).
    if (!voted.has(poll.poll_id) && vote(poll, me, pick(poll.responses))) voted.add(poll.poll_id)
  } else if (roll < 0.3 && recent.length) {
    results(pick(recent))
  } else if (roll < 0.33) {
    listPolls({ title: 'best opener', limit: 10 })
  }
}
