import { test } from 'tap'
import { buildTestApp, POST_A, POST_B, tally, vote } from '../helper.js'

test('POST /votes/:post_id/upvotes and /downvotes', async (t) => {
  const app = await buildTestApp(t)

  t.test('a first upvote answers 201 with the new counts and the tally as Location', async (t) => {
    const res = await vote(app, POST_A, 'up', { username: 'alice' })
    t.equal(res.statusCode, 201)
    t.equal(res.headers.location, `/votes/${POST_A}`)
    t.same(res.json(), { post_id: POST_A, username: 'alice', vote: 'up', previous: null, upvotes: 1, downvotes: 0, score: 1 })
  })

  t.test('a downvote from another user counts against the score', async (t) => {
    const res = await vote(app, POST_A, 'down', { username: 'bob' })
    t.equal(res.statusCode, 201)
    t.same(res.json(), { post_id: POST_A, username: 'bob', vote: 'down', previous: null, upvotes: 1, downvotes: 1, score: 0 })
  })

  t.test('the same vote again is a 409 and changes nothing', async (t) => {
    for (const [user, direction] of [['alice', 'up'], ['bob', 'down']] as const) {
      const res = await vote(app, POST_A, direction, { username: user })
      t.equal(res.statusCode, 409)
      t.same(res.json(), {
        statusCode: 409,
        error: 'Conflict',
        message: `${user} has already ${direction}voted post ${POST_A}`,
        code: 'VOTES_ALREADY_VOTED'
      })
    }
    t.same(await tally(app, POST_A), { post_id: POST_A, upvotes: 1, downvotes: 1, score: 0 })
  })

  t.test('the opposite vote replaces the earlier one', async (t) => {
    const res = await vote(app, POST_A, 'up', { username: 'bob' })
    t.equal(res.statusCode, 201)
    t.same(res.json(), { post_id: POST_A, username: 'bob', vote: 'up', previous: 'down', upvotes: 2, downvotes: 0, score: 2 })
    const back = await vote(app, POST_A, 'down', { username: 'bob' })
    t.same(back.json(), { post_id: POST_A, username: 'bob', vote: 'down', previous: 'up', upvotes: 1, downvotes: 1, score: 0 })
    t.equal((await vote(app, POST_A, 'down', { username: 'bob' })).statusCode, 409, 'and is then the one to repeat')
  })

  t.test('votes on one post do not touch another', async (t) => {
    t.same(await tally(app, POST_B), { post_id: POST_B, upvotes: 0, downvotes: 0, score: 0 })
  })

  t.test('an upper-case id is the same post, answered in lower case', async (t) => {
    const res = await vote(app, POST_A.toUpperCase(), 'up', { username: 'carol' })
    t.equal(res.statusCode, 201)
    t.equal(res.json().post_id, POST_A)
    t.equal(res.headers.location, `/votes/${POST_A}`)
    t.equal((await vote(app, POST_A, 'up', { username: 'carol' })).statusCode, 409)
  })
})

test('the community travels with the vote', async (t) => {
  const app = await buildTestApp(t)

  t.test('a vote without a community leaves the post unfiled', async (t) => {
    t.equal((await vote(app, POST_A, 'up', { username: 'alice' })).statusCode, 201)
    const top = (await app.inject({ method: 'GET', url: '/votes/top' })).json()
    t.same(top, [{ post_id: POST_A, community: null, upvotes: 1, downvotes: 0, score: 1 }])
  })

  t.test('the first vote that names it files the post there', async (t) => {
    t.equal((await vote(app, POST_A, 'up', { username: 'bob', community: 'wordle' })).statusCode, 201)
    const top = (await app.inject({ method: 'GET', url: '/votes/top?community=wordle' })).json()
    t.same(top, [{ post_id: POST_A, community: 'wordle', upvotes: 2, downvotes: 0, score: 2 }])
  })

  t.test('a vote naming another community is a 409 and is not counted', async (t) => {
    const res = await vote(app, POST_A, 'down', { username: 'carol', community: 'nodejs' })
    t.equal(res.statusCode, 409)
    t.same(res.json(), {
      statusCode: 409,
      error: 'Conflict',
      message: `Post ${POST_A} is in community wordle, not nodejs`,
      code: 'VOTES_COMMUNITY_MISMATCH'
    })
    t.same(await tally(app, POST_A), { post_id: POST_A, upvotes: 2, downvotes: 0, score: 2 })
    t.same((await app.inject({ method: 'GET', url: '/votes/top?community=nodejs' })).json(), [])
  })

  t.test('later votes may name the same community or none', async (t) => {
    t.equal((await vote(app, POST_A, 'down', { username: 'carol', community: 'wordle' })).statusCode, 201)
    t.equal((await vote(app, POST_A, 'down', { username: 'dave' })).statusCode, 201)
    t.same((await app.inject({ method: 'GET', url: '/votes/top?community=wordle' })).json(), [
      { post_id: POST_A, community: 'wordle', upvotes: 2, downvotes: 2, score: 0 }
    ])
  })
})

test('GET /votes/:post_id', async (t) => {
  const app = await buildTestApp(t)

  t.test('answers zeros for a post nobody voted on', async (t) => {
    const res = await app.inject({ method: 'GET', url: `/votes/${POST_B}` })
    t.equal(res.statusCode, 200)
    t.same(res.json(), { post_id: POST_B, upvotes: 0, downvotes: 0, score: 0 })
  })

  t.test('answers 400 naming the parameter for an id that is not a UUID', async (t) => {
    for (const bad of ['42', 'abc', 'urn:uuid:' + POST_A, POST_A.replaceAll('-', ''), POST_A + '0']) {
      const res = await app.inject({ method: 'GET', url: `/votes/${encodeURIComponent(bad)}` })
      t.equal(res.statusCode, 400, bad)
      t.match(res.json(), { statusCode: 400, code: 'FST_ERR_VALIDATION', message: /params\/post_id/ }, bad)
    }
  })
})

test('docs: the spec at /votes/openapi.json documents every route', async (t) => {
  const app = await buildTestApp(t)
  const spec = (await app.inject({ method: 'GET', url: '/votes/openapi.json' })).json()
  for (const [path, method] of [
    ['/votes/{post_id}/upvotes', 'post'],
    ['/votes/{post_id}/downvotes', 'post'],
    ['/votes/{post_id}', 'get'],
    ['/votes/top', 'get'],
    ['/votes/sort', 'post']
  ] as const) {
    t.ok(spec.paths[path]?.[method], `${method} ${path}`)
  }
  t.equal((await app.inject({ method: 'GET', url: '/docs/' })).statusCode, 200)
})
