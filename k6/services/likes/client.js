// The likes service as a client uses it; each call checks the body it gets.
import { get, post, request, bodyOf, encode } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { UUID } from '../stats/client.js'

export const ROUTES = {
  like: 'POST /likes/posts/{post_id}',
  unlike: 'DELETE /likes/posts/{post_id}/likers/{username}',
  getLike: 'GET /likes/posts/{post_id}/likers/{username}',
  count: 'GET /likes/posts/{post_id}',
  byUser: 'GET /likes/users/{username}',
  top: 'GET /likes/top'
}

const isCount = (n) => Number.isInteger(n) && n >= 0

/** `likes`: the count the post must have after this like, when the caller knows it. */
export function like (postId, username, { likes } = {}) {
  const res = post(`/likes/posts/${postId}`, { username }, { name: ROUTES.like })
  const ok = expectJson(res, 'like', 201, {
    'is the like': (b) => b.post_id === postId && b.username === username && isCount(b.likes) && b.likes >= 1,
    'counts it': (b) => likes === undefined || b.likes === likes,
    'Location names the like': (_, r) => r.headers.Location === `/likes/posts/${postId}/likers/${encode(username)}`
  })
  return ok ? bodyOf(res) : undefined
}

export function unlike (postId, username, { likes } = {}) {
  const res = request('DELETE', `/likes/posts/${postId}/likers/${encode(username)}`, undefined, { name: ROUTES.unlike })
  return expectJson(res, 'unlike', 200, {
    'is the like taken back': (b) => b.post_id === postId && b.username === username && isCount(b.likes),
    'counts the likes left': (b) => likes === undefined || b.likes === likes
  })
}

export function getLike (postId, username) {
  const res = get(`/likes/posts/${postId}/likers/${encode(username)}`, { name: ROUTES.getLike })
  return expectJson(res, 'get like', 200, {
    'is the like': (b) => b.post_id === postId && b.username === username && !Number.isNaN(Date.parse(b.liked_at))
  })
}

export function count (postId, likes) {
  const res = get(`/likes/posts/${postId}`, { name: ROUTES.count })
  return expectJson(res, 'post likes', 200, {
    'is the post': (b) => b.post_id === postId && isCount(b.likes),
    'counts its likes': (b) => likes === undefined || b.likes === likes
  })
}

/** `expected`: the post ids the page must start with, newest like first. Returns the page. */
export function likedBy (username, { limit, before, expected } = {}) {
  const query = [limit && `limit=${limit}`, before && `before=${encode(before)}`].filter(Boolean).join('&')
  const res = get(`/likes/users/${encode(username)}${query ? `?${query}` : ''}`, { name: ROUTES.byUser })
  const max = limit || 20
  const ok = expectJson(res, 'liked by user', 200, {
    [`a page of at most ${max}`]: (b) => b.username === username && Array.isArray(b.posts) && b.posts.length <= max && (b.next === null || typeof b.next === 'string'),
    'newest like first': (b) => b.posts.every((p, i) => UUID.test(p.post_id) && (i === 0 || Date.parse(b.posts[i - 1].liked_at) >= Date.parse(p.liked_at))),
    'the posts liked': (b) => !expected || expected.every((id, i) => b.posts[i] && b.posts[i].post_id === id)
  })
  return ok ? bodyOf(res) : undefined
}

export function top ({ limit } = {}) {
  const res = get(`/likes/top${limit ? `?limit=${limit}` : ''}`, { name: ROUTES.top })
  const max = limit || 10
  return expectJson(res, 'most liked', 200, {
    [`at most ${max}`]: (b) => Array.isArray(b) && b.length <= max,
    'most liked first, ties by post id': (b) =>
      b.every((p, i) => UUID.test(p.post_id) && p.likes >= 1 && (i === 0 || b[i - 1].likes > p.likes || (b[i - 1].likes === p.likes && b[i - 1].post_id < p.post_id)))
  })
}
