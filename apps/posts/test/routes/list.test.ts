import { test } from 'tap'
import { buildTestApp, createPost, type TestApp } from '../helper.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function list (app: TestApp, query: string) {
  const res = await app.inject({ method: 'GET', url: `/posts${query}` })
  return { res, body: res.json() as { posts: Record<string, unknown>[]; next: string | null } }
}

test('GET /posts', async (t) => {
  const app = await buildTestApp(t)
  // Created a few ms apart so "newest first" is visible in created_at too.
  const made: { post_id: string; community: string }[] = []
  for (let i = 0; i < 7; i++) {
    made.push((await createPost(app, { title: `post ${i}`, community: i % 2 === 0 ? 'wordle' : 'nodejs', url: 'https://x.org' })) as never)
    await sleep(2)
  }
  const newestFirst = made.map((p) => p.post_id).reverse()

  t.test('lists the most recent posts anywhere, newest first, without text or url', async (t) => {
    const { res, body } = await list(app, '?limit=3')
    t.equal(res.statusCode, 200)
    t.same(body.posts.map((p) => p.post_id), newestFirst.slice(0, 3))
    t.same(Object.keys(body.posts[0]!).sort(), ['community', 'created_at', 'post_id', 'title', 'username'])
    t.same(body.posts[0], { post_id: newestFirst[0], title: 'post 6', community: 'wordle', username: 'alice', created_at: body.posts[0]!.created_at })
  })

  t.test('lists one community only', async (t) => {
    const { body } = await list(app, '?community=nodejs&limit=10')
    t.same(body.posts.map((p) => p.post_id), made.filter((p) => p.community === 'nodejs').map((p) => p.post_id).reverse())
    t.equal(body.next, null, 'everything fit: no next page')
  })

  t.test('an unknown community is an empty list, not an error', async (t) => {
    const { res, body } = await list(app, '?community=nobody_here')
    t.equal(res.statusCode, 200)
    t.same(body, { posts: [], next: null })
  })

  t.test('limit defaults to 20 and is at most 100', async (t) => {
    t.equal((await list(app, '')).body.posts.length, 7)
    for (const bad of ['0', '101', '-1', '2.5', 'ten']) {
      const { res } = await list(app, `?limit=${bad}`)
      t.equal(res.statusCode, 400, `limit=${bad}`)
      t.match(res.json().message, /querystring\/limit/)
    }
    t.equal((await list(app, '?limit=100')).res.statusCode, 200)
  })

  t.test('pages with before=next until the last page, each post once, in order', async (t) => {
    const seen: unknown[] = []
    let query = '?limit=2'
    let pages = 0
    for (;;) {
      const { res, body } = await list(app, query)
      t.equal(res.statusCode, 200)
      seen.push(...body.posts.map((p) => p.post_id))
      pages++
      if (body.next === null) {
        t.notOk(res.headers.link, 'no Link on the last page')
        break
      }
      t.equal(res.headers.link, `</posts?limit=2&before=${body.next}>; rel="next"`)
      query = `?limit=2&before=${body.next}`
    }
    t.equal(pages, 4)
    t.same(seen, newestFirst)
  })

  t.test('pages within a community keep the community in the next link', async (t) => {
    const first = await list(app, '?community=wordle&limit=3')
    t.equal(first.body.posts.length, 3)
    t.equal(first.res.headers.link, `</posts?community=wordle&limit=3&before=${first.body.next}>; rel="next"`)
    const second = await list(app, `?community=wordle&limit=3&before=${first.body.next}`)
    t.same(
      [...first.body.posts, ...second.body.posts].map((p) => p.post_id),
      made.filter((p) => p.community === 'wordle').map((p) => p.post_id).reverse()
    )
    t.equal(second.body.next, null)
  })

  t.test('a new post does not shift the pages already handed out', async (t) => {
    const first = await list(app, '?limit=3')
    await createPost(app, { title: 'newer' })
    const second = await list(app, `?limit=3&before=${first.body.next}`)
    t.same(second.body.posts.map((p) => p.post_id), newestFirst.slice(3, 6))
  })

  t.test('a cursor the service did not issue is a 400', async (t) => {
    for (const bad of ['abc', Buffer.from('12.x').toString('base64url'), Buffer.from('1').toString('base64url')]) {
      const { res } = await list(app, `?before=${bad}`)
      t.equal(res.statusCode, 400, bad)
      t.equal(res.json().code, 'POSTS_BAD_CURSOR', bad)
    }
    const { res } = await list(app, '?before=a%2Fb')
    t.equal(res.statusCode, 400)
    t.match(res.json().message, /querystring\/before/)
  })

  t.test('bad community names and unknown parameters are 400s naming them', async (t) => {
    const bad = await list(app, '?community=r%2Fnews')
    t.equal(bad.res.statusCode, 400)
    t.match(bad.res.json().message, /querystring\/community/)
    const typo = await list(app, '?communty=wordle')
    t.equal(typo.res.statusCode, 400)
    t.match(typo.res.json().message, /communty is not an allowed field/)
  })
})
