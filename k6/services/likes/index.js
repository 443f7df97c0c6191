// Likes service: smoke (every endpoint once), negative cases, and its part of the user journey.
// The service takes any well-formed post id (it does not know which posts exist), so the suite
// likes fresh random ids and knows exactly what their counts must be.
import { group } from 'k6'
import exec from 'k6/execution'
import { uniqueName, pick } from '../../lib/data.js'
import { runCases } from '../../lib/negative.js'
import { badEncodings, nonDecimalLimits, unknownParameters, withLoneSurrogate } from '../../lib/hostile.js'
import { like, unlike, getLike, count, likedBy, top } from './client.js'

const uuid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(Math.random() * 16).toString(16))

export function smoke () {
  group('likes', () => {
    const [p1, p2] = [uuid(), uuid()]
    const [ada, bob] = [uniqueName('k6smoke'), uniqueName('k6smoke')]
    like(p1, ada, { likes: 1 })
    like(p1, bob, { likes: 2 })
    like(p2, ada, { likes: 1 })
    getLike(p1, ada)
    count(p1, 2)
    const page = likedBy(ada, { limit: 1, expected: [p2] })
    if (page && page.next) likedBy(ada, { limit: 1, before: page.next, expected: [p1] })
    top({ limit: 5 })
    unlike(p1, bob, { likes: 1 })
    count(p1, 1)
  })
}

export const negative = {
  setup () {
    const post = uuid()
    const liker = uniqueName('k6neg')
    if (!like(post, liker, { likes: 1 })) throw new Error('likes negative setup: could not like the victim post')
    return { post, liker }
  },
  run ({ post, liker }) {
    const other = uniqueName('k6neg')
    const bad = (label, body, status = 400, code) => ({ method: 'POST', path: `/likes/posts/${post}`, label: `likes: ${label}`, body, status, code })
    group('likes: bogus requests', () =>
      runCases([
        bad('same like again', { username: liker }, 409, 'LIKES_ALREADY_LIKED'),
        { ...bad('same like, post id in capitals', { username: liker }, 409, 'LIKES_ALREADY_LIKED'), path: `/likes/posts/${post.toUpperCase()}` },
        bad('malformed JSON', '{"username":'),
        bad('body is an array', '[]'),
        bad('missing username', {}),
        bad('username is a number', { username: 7 }),
        bad('username with a slash', { username: '../admin' }),
        bad('injection as username', { username: "x' OR 1=1 --" }),
        bad('unknown field', { username: other, likes: 1000 }),
        bad('huge body', JSON.stringify({ username: 'a'.repeat(1 << 20) }), 413),
        { method: 'POST', path: '/likes/posts/not-a-uuid', label: 'likes: malformed post id', body: { username: other }, status: 400 },
        { method: 'POST', path: `/likes/posts/${post}`, label: 'likes: a form body', body: `username=${other}`, status: 415, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
        { method: 'DELETE', path: `/likes/posts/${post}/likers/${other}`, label: 'likes: take back a like never given', status: 404, code: 'LIKES_LIKE_NOT_FOUND' },
        { method: 'DELETE', path: `/likes/posts/${uuid()}/likers/${liker}`, label: 'likes: unlike a post nobody likes', status: 404, code: 'LIKES_LIKE_NOT_FOUND' },
        { method: 'GET', path: `/likes/posts/${post}/likers/${other}`, label: 'likes: a like never given', status: 404, code: 'LIKES_LIKE_NOT_FOUND' },
        { method: 'GET', path: '/likes/posts/42', label: 'likes: count of malformed id', status: 400 },
        { method: 'GET', path: `/likes/users/${liker}?limit=0`, label: 'likes: user list limit 0', status: 400 },
        { method: 'GET', path: `/likes/users/${liker}?limit=101`, label: 'likes: user list limit 101', status: 400 },
        { method: 'GET', path: `/likes/users/${liker}?before=AAAAAAAA`, label: 'likes: forged cursor', status: 400 },
        { method: 'GET', path: '/likes/users/a%20b', label: 'likes: malformed username', status: 400 },
        { method: 'GET', path: '/likes/top?limit=0', label: 'likes: top limit 0', status: 400 },
        { method: 'GET', path: '/likes/top?limit=101', label: 'likes: top limit 101', status: 400 },
        { method: 'GET', path: '/likes/top?limit=1e308', label: 'likes: top limit 1e308', status: 400 },
        { method: 'GET', path: '/likes/top?order=asc', label: 'likes: unknown query parameter', status: 400 }
      ])
    )
    group('likes: hostile requests', () =>
      runCases([
        bad('lone surrogate in the username', withLoneSurrogate({ username: other }, 'username'), 400, 'FST_ERR_VALIDATION'),
        ...badEncodings('likes', 'POST', `/likes/posts/${post}`, { username: other }),
        ...nonDecimalLimits('likes', [`/likes/users/${liker}`, '/likes/top']),
        ...unknownParameters('likes', [
          ['GET', `/likes/posts/${post}`], ['GET', `/likes/posts/${post}/likers/${liker}`], ['DELETE', `/likes/posts/${post}/likers/${liker}`], ['POST', `/likes/posts/${post}`, { username: other }]
        ])
      ])
    )
    group('likes: data unchanged afterwards', () => {
      count(post, 1)
      getLike(post, liker)
    })
  }
}

// The journey's likes part: like some of a small set of popular posts (taking a like back now
// and then), look at the most liked, and at one's own likes.
const POPULAR = Array.from({ length: 30 }, (_, i) => `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`)
let liker
const mine = new Set()
export function journey () {
  liker ??= uniqueName('k6load', exec.vu.idInTest)
  const roll = Math.random()
  if (roll < 0.15) {
    const post = pick(POPULAR)
    // Never the same like twice (that is a 409, tested in negative): take it back instead.
    if (mine.has(post)) {
      if (unlike(post, liker)) mine.delete(post)
    } else if (like(post, liker)) mine.add(post)
  } else if (roll < 0.25) {
    top()
  } else if (roll < 0.3) {
    likedBy(liker, { limit: 10 })
  } else if (roll < 0.4) {
    count(pick(POPULAR))
  }
}
