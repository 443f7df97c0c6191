// The votes service as a client uses it; each call checks the body it gets.
import { get, post, bodyOf } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { UUID } from '../stats/client.js'

export const ROUTES = {
  vote: 'POST /votes/{post_id}/{direction}votes',
  tally: 'GET /votes/{post_id}',
  top: 'GET /votes/top',
  sort: 'POST /votes/sort'
}

const isCount = (n) => Number.isInteger(n) && n >= 0
const scoreAdds = (b) => isCount(b.upvotes) && isCount(b.downvotes) && b.score === b.upvotes - b.downvotes

/** direction: up | down; `previous`: the vote this one must replace (null for a first vote). */
export function vote (postId, username, direction, { community, previous } = {}) {
  const body = community ? { username, community } : { username }
  const res = post(`/votes/${postId}/${direction}votes`, body, { name: ROUTES.vote })
  const ok = expectJson(res, `${direction}vote`, 201, {
    'is the vote cast': (b) => b.post_id === postId && b.username === username && b.vote === direction,
    'replaced the previous vote': (b) => previous === undefined || b.previous === previous,
    'score is up minus down': scoreAdds,
    'Location names the tally': (_, r) => r.headers.Location === `/votes/${postId}`
  })
  return ok ? bodyOf(res) : undefined
}

/** `expected`: {upvotes, downvotes} the tally must show. */
export function tally (postId, expected) {
  const res = get(`/votes/${postId}`, { name: ROUTES.tally })
  return expectJson(res, 'tally', 200, {
    'is the post tally': (b) => b.post_id === postId && scoreAdds(b),
    'counts the votes cast': (b) => !expected || (b.upvotes === expected.upvotes && b.downvotes === expected.downvotes)
  })
}

export function top ({ limit, community } = {}) {
  const query = [limit && `limit=${limit}`, community && `community=${community}`].filter(Boolean).join('&')
  const res = get(`/votes/top${query ? `?${query}` : ''}`, { name: ROUTES.top })
  const max = limit || 10
  return expectJson(res, 'top posts', 200, {
    [`at most ${max}`]: (b) => Array.isArray(b) && b.length <= max,
    'scored posts, best first': (b) =>
      b.every((p, i) => UUID.test(p.post_id) && scoreAdds(p) && (i === 0 || b[i - 1].score >= p.score)),
    'of the community asked': (b) => !community || b.every((p) => p.community === community)
  })
}

export function sort (postIds) {
  const res = post('/votes/sort', { post_ids: postIds }, { name: ROUTES.sort })
  const asked = new Set(postIds.map((id) => id.toLowerCase()))
  return expectJson(res, 'sort posts', 200, {
    'the posts given, best first': (b) =>
      Array.isArray(b) && b.length === asked.size &&
      b.every((p, i) => asked.has(p.post_id.toLowerCase()) && Number.isInteger(p.score) && (i === 0 || b[i - 1].score >= p.score))
  })
}
