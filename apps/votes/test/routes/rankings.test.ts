import { test } from 'tap'
import { buildTestApp, POST_A, POST_B, POST_C, vote, type TestApp } from '../helper.js'

const D = '3e9c4f5b-6a7d-4c8e-9f9a-0b1c2d3e4f5a'

async function castAll (app: TestApp, postId: string, ups: number, downs: number, community?: string) {
  for (let i = 0; i < ups; i++) await vote(app, postId, 'up', { username: `up_${i}`, ...(community ? { community } : {}) })
  for (let i = 0; i < downs; i++) await vote(app, postId, 'down', { username: `down_${i}`, ...(community ? { community } : {}) })
}

test('GET /votes/top', async (t) => {
  const app = await buildTestApp(t)
  await castAll(app, POST_A, 3, 1, 'wordle') // 2
  await castAll(app, POST_B, 5, 0, 'nodejs') // 5
  await castAll(app, POST_C, 1, 3, 'wordle') // -2
  await castAll(app, D, 2, 0, 'wordle') // 2, ties with A

  t.test('the top-scoring posts anywhere, highest first, ties in post id order', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/votes/top?limit=3' })
    t.equal(res.statusCode, 200)
    t.same(res.json(), [
      { post_id: POST_B, community: 'nodejs', upvotes: 5, downvotes: 0, score: 5 },
      { post_id: POST_A, community: 'wordle', upvotes: 3, downvotes: 1, score: 2 },
      { post_id: D, community: 'wordle', upvotes: 2, downvotes: 0, score: 2 }
    ])
  })

  t.test('within one community', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/votes/top?community=wordle' })
    t.same(res.json().map((p: { post_id: string; score: number }) => [p.post_id, p.score]), [[POST_A, 2], [D, 2], [POST_C, -2]])
  })

  t.test('limit defaults to 10, is at most 100; bad queries are 400s', async (t) => {
    t.equal((await app.inject({ method: 'GET', url: '/votes/top' })).json().length, 4)
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'community=a%20b', 'communty=wordle']) {
      const res = await app.inject({ method: 'GET', url: `/votes/top?${query}` })
      t.equal(res.statusCode, 400, query)
      t.match(res.json().message, /querystring/, query)
    }
  })

  t.test('an unknown community is an empty list', async (t) => {
    t.same((await app.inject({ method: 'GET', url: '/votes/top?community=nobody' })).json(), [])
  })

  t.test('scores follow replaced votes', async (t) => {
    // Three of B's upvoters change their minds: 5-0 becomes 2-3.
    for (let i = 0; i < 3; i++) await vote(app, POST_B, 'down', { username: `up_${i}` })
    const top = (await app.inject({ method: 'GET', url: '/votes/top?limit=1' })).json()
    t.same(top, [{ post_id: POST_A, community: 'wordle', upvotes: 3, downvotes: 1, score: 2 }])
  })
})

test('POST /votes/sort', async (t) => {
  const app = await buildTestApp(t)
  await castAll(app, POST_A, 1, 0) // 1
  await castAll(app, POST_B, 0, 2) // -2
  await castAll(app, POST_C, 4, 0) // 4

  t.test('sorts the given posts by score, highest first; unvoted posts score 0', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/votes/sort', payload: { post_ids: [POST_B, D, POST_A, POST_C] } })
    t.equal(res.statusCode, 200)
    t.same(res.json(), [
      { post_id: POST_C, score: 4 },
      { post_id: POST_A, score: 1 },
      { post_id: D, score: 0 },
      { post_id: POST_B, score: -2 }
    ])
  })

  t.test('equal scores keep the order given', async (t) => {
    const e = '4fad5a6c-7b8e-4d9f-a0ab-1c2d3e4f5a6b'
    const one = (await app.inject({ method: 'POST', url: '/votes/sort', payload: { post_ids: [e, D] } })).json()
    const other = (await app.inject({ method: 'POST', url: '/votes/sort', payload: { post_ids: [D, e] } })).json()
    t.same(one.map((p: { post_id: string }) => p.post_id), [e, D])
    t.same(other.map((p: { post_id: string }) => p.post_id), [D, e])
  })

  t.test('an id given twice, in any case, is answered once in lower case', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/votes/sort', payload: { post_ids: [POST_A.toUpperCase(), POST_A, POST_C] } })
    t.same(res.json(), [{ post_id: POST_C, score: 4 }, { post_id: POST_A, score: 1 }])
  })

  t.test('an empty list sorts to an empty list', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/votes/sort', payload: { post_ids: [] } })
    t.equal(res.statusCode, 200)
    t.same(res.json(), [])
  })

  t.test('up to 200 ids; more is a 400', async (t) => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
    const ok = await app.inject({ method: 'POST', url: '/votes/sort', payload: { post_ids: ids(200) } })
    t.equal(ok.statusCode, 200)
    t.equal(ok.json().length, 200)
    const tooMany = await app.inject({ method: 'POST', url: '/votes/sort', payload: { post_ids: ids(201) } })
    t.equal(tooMany.statusCode, 400)
    t.match(tooMany.json().message, /body\/post_ids/)
  })
})
