// Posts service: smoke (every endpoint once), negative cases, and its part of the user journey.
import { group } from 'k6'
import exec from 'k6/execution'
import { uniqueName, randomToken, pick } from '../../lib/data.js'
import { get, bodyOf, CLIENT_ERROR } from '../../lib/http.js'
import { expectClientError } from '../../lib/checks.js'
import { runCases, runValid } from '../../lib/negative.js'
import { badEncodings, badText, nonDecimalLimits, unknownParameters } from '../../lib/hostile.js'
import { createPost, getPost, listPosts, deletePost } from './client.js'

const COMMUNITIES = ['wordle', 'wordle-hard', 'puzzles']
const draft = (username, extra = {}) => ({
  title: `Day ${randomToken(4)}: solved it`,
  text: 'Started with CRANE, then it was a matter of vowels.',
  community: pick(COMMUNITIES),
  username,
  ...extra
})

export function smoke () {
  group('posts', () => {
    const post = createPost(draft(uniqueName('k6smoke'), { url: 'https://www.nytimes.com/games/wordle' }))
    if (!post) return
    getPost(post)
    const page = listPosts({ community: post.community, limit: 5 })
    if (page && page.next) listPosts({ community: post.community, limit: 5, before: page.next })
    listPosts()
    deletePost(post)
    expectClientError(get(`/posts/${post.post_id}`, { name: 'GET /posts/{post_id}', expect: CLIENT_ERROR }), 'deleted post is gone', 404, 'POSTS_POST_NOT_FOUND')
  })
}

export const negative = {
  setup () {
    const victim = createPost(draft(uniqueName('k6neg')))
    if (!victim) throw new Error('posts negative setup: could not create the victim post')
    return { victim }
  },
  run ({ victim }) {
    const good = draft(uniqueName('k6neg'))
    const bad = (label, body, status = 400) => ({ method: 'POST', path: '/posts', label: `posts: ${label}`, body, status })
    group('posts: bogus requests', () =>
      runCases([
        bad('malformed JSON', '{"title": "x",'),
        bad('body is an array', '[]'),
        ...['title', 'text', 'community', 'username'].map((k) => bad(`missing ${k}`, { ...good, [k]: undefined })),
        bad('blank title', { ...good, title: '   ' }),
        bad('title too long', { ...good, title: 'x'.repeat(301) }),
        bad('title is a number', { ...good, title: 42 }),
        bad('text too long', { ...good, text: 'x'.repeat(10001) }),
        bad('javascript: url', { ...good, url: 'javascript:alert(1)' }),
        bad('file: url', { ...good, url: 'file:///etc/passwd' }),
        bad('community too short', { ...good, community: 'a' }),
        bad('community with a space', { ...good, community: 'wordle fans' }),
        bad('injection as community', { ...good, community: "w'; DROP TABLE posts;--" }),
        bad('bad username', { ...good, username: '../admin' }),
        bad('unknown field', { ...good, votes: 1000 }),
        bad('huge body', JSON.stringify({ ...good, text: 'x'.repeat(1 << 20) }), 413),
        { method: 'GET', path: '/posts/not-a-uuid', label: 'posts: malformed id', status: 400 },
        { method: 'GET', path: '/posts/00000000-0000-4000-8000-000000000000', label: 'posts: unknown id', status: 404, code: 'POSTS_POST_NOT_FOUND' },
        { method: 'DELETE', path: '/posts/00000000-0000-4000-8000-000000000000', label: 'posts: delete unknown', status: 404, code: 'POSTS_POST_NOT_FOUND' },
        { method: 'GET', path: '/posts?before=not%20a%20cursor', label: 'posts: malformed cursor', status: 400 },
        { method: 'GET', path: '/posts?before=AAAAAAAA', label: 'posts: forged cursor', status: 400 },
        { method: 'GET', path: '/posts?limit=0', label: 'posts: limit 0', status: 400 },
        { method: 'GET', path: '/posts?limit=101', label: 'posts: limit 101', status: 400 },
        { method: 'GET', path: '/posts?community=a', label: 'posts: bad community filter', status: 400 }
      ])
    )
    group('posts: hostile requests', () =>
      runCases([
        ...badText('posts', 'POST', '/posts', good, { fields: ['title', 'text'], visible: ['title', 'text'] }),
        ...badEncodings('posts', 'POST', '/posts', good),
        ...nonDecimalLimits('posts', ['/posts', `/posts?community=${victim.community}`]),
        ...unknownParameters('posts', [['GET', `/posts/${victim.post_id}`], ['DELETE', `/posts/${victim.post_id}`], ['POST', '/posts', good]])
      ])
    )
    // Valid however they look: the longest texts in bytes, a compressed body. Each is deleted after.
    group('posts: hostile but valid', () => {
      const isPost = (expected) => ({ 'reads back as sent': (b) => b.title === expected.title && b.text === expected.text })
      const longest = [
        ['a text of 10,000 é', { ...good, text: 'é'.repeat(10_000) }],
        ['a text of 10,000 emoji', { ...good, title: '🙂'.repeat(300), text: '🙂'.repeat(10_000) }],
        ['a text of 10,000 quotes', { ...good, text: '"'.repeat(10_000) }]
      ]
      const created = runValid([
        ...longest.map(([label, body]) => ({ method: 'POST', path: '/posts', label: `posts: ${label}`, body, status: 201, checks: isPost(body) })),
        { method: 'POST', path: '/posts', label: 'posts: a gzip body', body: good, compression: 'gzip', status: 201, checks: isPost(good) }
      ])
      for (const res of created) {
        const post = bodyOf(res)
        if (post && post.post_id) deletePost(post)
      }
    })
    group('posts: data unchanged afterwards', () => getPost(victim))
  }
}

// The journey's posts part: mostly reading the newest posts of a community, sometimes a whole
// post, now and then writing one.
let seen = []
export function journey () {
  const roll = Math.random()
  if (roll < 0.05) {
    const post = createPost(draft(uniqueName('k6load', exec.vu.idInTest)))
    if (post) seen = [post, ...seen].slice(0, 20)
  } else if (roll < 0.35) {
    const page = listPosts({ community: pick(COMMUNITIES), limit: 20 })
    if (page && page.posts.length) seen = page.posts.slice(0, 20)
  } else if (roll < 0.45 && seen.length) {
    getPost(pick(seen))
  }
}
