// Votes service: smoke (every endpoint once), negative cases, and its part of the user journey.
// The service takes any well-formed post id (it does not know which posts exist), so the suite
// votes on fresh random ids and knows exactly what their tallies must be.
import { check, group } from 'k6'
import exec from 'k6/execution'
import { uniqueName, pick } from '../../lib/data.js'
import { batch } from '../../lib/http.js'
import { signInAll } from '../../lib/auth.js'
import { countHostile, runCases } from '../../lib/negative.js'
import { nonDecimalLimits, unknownParameters, withLoneSurrogate, badEncodings } from '../../lib/hostile.js'
import { vote, tally, top, sort, ROUTES } from './client.js'

const uuid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(Math.random() * 16).toString(16))

export function smoke () {
  group('votes', () => {
    const post = uuid()
    const [ada, bob] = [uniqueName('k6smoke'), uniqueName('k6smoke')]
    vote(post, ada, 'up', { community: 'wordle', previous: null })
    vote(post, bob, 'down', { previous: null })
    vote(post, ada, 'down', { previous: 'up' })
    tally(post, { upvotes: 0, downvotes: 2 })
    top({ limit: 5 })
    top({ community: 'wordle' })
    sort([post, uuid()])
  })
}

export const negative = {
  setup () {
    const post = uuid()
    const voter = uniqueName('k6neg')
    vote(post, voter, 'up', { community: 'wordle', previous: null })
    return { post, voter }
  },
  run ({ post, voter }) {
    const other = uniqueName('k6neg')
    const up = (label, body, status = 400, code) => ({ method: 'POST', path: `/votes/${post}/upvotes`, label: `votes: ${label}`, body, status, code })
    const sortCase = (label, body, status = 400) => ({ method: 'POST', path: '/votes/sort', label: `votes sort: ${label}`, body, status })
    group('votes: bogus requests', () =>
      runCases([
        up('same vote again', { username: voter }, 409, 'VOTES_ALREADY_VOTED'),
        up('other community than the post', { username: other, community: 'puzzles' }, 409, 'VOTES_COMMUNITY_MISMATCH'),
        up('malformed JSON', '{"username":'),
        up('missing username', {}),
        up('username is a number', { username: 7 }),
        up('injection as username', { username: "x' OR 1=1 --" }),
        up('unknown field', { username: other, weight: 100 }),
        up('huge body', JSON.stringify({ username: 'a'.repeat(1 << 20) }), 413),
        { method: 'POST', path: '/votes/not-a-uuid/upvotes', label: 'votes: malformed post id', body: { username: other }, status: 400 },
        { method: 'POST', path: `/votes/${post}/sidewaysvotes`, label: 'votes: unknown direction', body: { username: other }, status: 404 },
        { method: 'GET', path: '/votes/not-a-uuid', label: 'votes: tally of malformed id', status: 400 },
        { method: 'GET', path: '/votes/top?limit=0', label: 'votes: top limit 0', status: 400 },
        { method: 'GET', path: '/votes/top?limit=101', label: 'votes: top limit 101', status: 400 },
        { method: 'GET', path: '/votes/top?community=a', label: 'votes: top bad community', status: 400 },
        sortCase('not an array', { post_ids: post }),
        sortCase('malformed id in the list', { post_ids: [post, 'nope'] }),
        sortCase('201 ids', { post_ids: Array.from({ length: 201 }, uuid) }),
        sortCase('unknown field', { post_ids: [post], order: 'asc' }),
        sortCase('malformed JSON', '{"post_ids": [')
      ])
    )
    group('votes: hostile requests', () =>
      runCases([
        up('lone surrogate in the username', withLoneSurrogate({ username: other }, 'username'), 400, 'FST_ERR_VALIDATION'),
        ...badEncodings('votes', 'POST', `/votes/${post}/upvotes`, { username: other }),
        ...nonDecimalLimits('votes', ['/votes/top', '/votes/top?community=wordle']),
        ...unknownParameters('votes', [['GET', `/votes/${post}`], ['POST', `/votes/${post}/upvotes`, { username: other }], ['POST', '/votes/sort', { post_ids: [post] }]])
      ])
    )
    group('votes: data unchanged afterwards', () => tally(post, { upvotes: 1, downvotes: 0 }))
    // The race: 200 users upvote one post at the same moment; every vote counts, once.
    group('votes: 200 parallel votes on one post', () => {
      const target = uuid()
      const racers = Array.from({ length: 200 }, (_, i) => `k6race-${i}-${target.slice(0, 8)}`)
      signInAll(racers)
      const answers = countHostile(batch(racers.map((username) => ({
        method: 'POST', path: `/votes/${target}/upvotes`, body: { username }, name: ROUTES.vote
      }))))
      check(answers, { 'votes race: 200 answers 201': (a) => a.filter((r) => r.status === 201).length === 200 })
      tally(target, { upvotes: 200, downvotes: 0 })
    })
  }
}

// The journey's votes part: vote on some of a small set of popular posts (changing one's mind
// sometimes), and look at the top posts.
const POPULAR = Array.from({ length: 30 }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`)
let voter
const myVotes = {}
export function journey () {
  voter ??= uniqueName('k6load', exec.vu.idInTest)
  const roll = Math.random()
  if (roll < 0.2) {
    const post = pick(POPULAR)
    // Never the same vote twice (that is a 409, tested in negative): flip it, or cast a first one.
    const previous = myVotes[post] ?? null
    const direction = previous ? (previous === 'up' ? 'down' : 'up') : Math.random() < 0.8 ? 'up' : 'down'
    if (vote(post, voter, direction, { previous })) myVotes[post] = direction
  } else if (roll < 0.35) {
    top()
  }
}
