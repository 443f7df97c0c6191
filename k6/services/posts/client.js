// The posts service as a client uses it; each call checks the body it gets.
import { get, post, request, bodyOf, encode } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { UUID } from '../stats/client.js'

export const ROUTES = {
  create: 'POST /posts',
  list: 'GET /posts',
  get: 'GET /posts/{post_id}',
  delete: 'DELETE /posts/{post_id}'
}

// Compares the fields `expected` has: a list entry (no text) or a whole post.
const FIELDS = ['title', 'text', 'community', 'username', 'url']
const same = (actual, expected) => FIELDS.every((k) => !(k in expected) || actual[k] === expected[k])

export function createPost (draft) {
  const res = post('/posts', draft, { name: ROUTES.create })
  const ok = expectJson(res, 'create post', 201, {
    'is the post sent': (b) => UUID.test(b.post_id) && same(b, draft) && !Number.isNaN(Date.parse(b.created_at)),
    'Location names it': (b, r) => r.headers.Location === `/posts/${b.post_id}`
  })
  return ok ? bodyOf(res) : undefined
}

export function getPost (expected) {
  const res = get(`/posts/${expected.post_id}`, { name: ROUTES.get })
  return expectJson(res, 'get post', 200, { 'is the post': (b) => b.post_id === expected.post_id && same(b, expected) })
}

/** Newest first, at most `limit`, only `community` when given. Returns the page. */
export function listPosts ({ community, limit, before } = {}) {
  const query = [
    community && `community=${encode(community)}`,
    limit && `limit=${limit}`,
    before && `before=${encode(before)}`
  ].filter(Boolean).join('&')
  const res = get(`/posts${query ? `?${query}` : ''}`, { name: ROUTES.list })
  const max = limit || 20
  const ok = expectJson(res, 'list posts', 200, {
    [`a page of at most ${max}`]: (b) => Array.isArray(b.posts) && b.posts.length <= max && (b.next === null || typeof b.next === 'string'),
    'newest first': (b) => b.posts.every((p, i) => i === 0 || Date.parse(b.posts[i - 1].created_at) >= Date.parse(p.created_at)),
    'of the community asked': (b) => !community || b.posts.every((p) => p.community === community)
  })
  return ok ? bodyOf(res) : undefined
}

export function deletePost (expected) {
  const res = request('DELETE', `/posts/${expected.post_id}`, undefined, { name: ROUTES.delete, as: expected.username })
  return expectJson(res, 'delete post', 200, { 'answers the post deleted': (b) => b.post_id === expected.post_id })
}
