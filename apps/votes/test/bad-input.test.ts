import { test } from 'tap'
import { buildTestApp, POST_A, tally } from './helper.js'

// Every case must be a 4xx JSON error and leave the database as it was.
test('votes refuse bad input and write nothing', async (t) => {
  const app = await buildTestApp(t)
  const json = { 'content-type': 'application/json' }

  const voteCases: [string, string, unknown, RegExp][] = [
    ['a missing username', POST_A, {}, /body\/username is required/],
    ['a number for the username', POST_A, { username: 7 }, /body\/username/],
    ['null for the username', POST_A, { username: null }, /body\/username/],
    ['an empty username', POST_A, { username: '' }, /body\/username/],
    ['a username with a space', POST_A, { username: 'al ice' }, /body\/username/],
    ['a username over 64 characters', POST_A, { username: 'a'.repeat(65) }, /body\/username/],
    ['an unknown field', POST_A, { username: 'alice', weight: 10 }, /body\/weight is not an allowed field/],
    ['a bad community', POST_A, { username: 'alice', community: 'r/news' }, /body\/community/],
    ['a number for the community', POST_A, { username: 'alice', community: 5 }, /body\/community/],
    ['an array for a body', POST_A, [{ username: 'alice' }], /body/],
    ['a post id that is not a UUID', 'not-a-post', { username: 'alice' }, /params\/post_id/],
    ['a numeric post id', '42', { username: 'alice' }, /params\/post_id/]
  ]
  for (const direction of ['up', 'down']) {
    for (const [name, postId, payload, message] of voteCases) {
      const res = await app.inject({ method: 'POST', url: `/votes/${postId}/${direction}votes`, payload: payload as object })
      t.equal(res.statusCode, 400, `${direction}: ${name}`)
      t.match(res.headers['content-type'], /^application\/json/, name)
      t.match(res.json(), { statusCode: 400, error: 'Bad Request', message }, `${direction}: ${name}`)
    }
    const url = `/votes/${POST_A}/${direction}votes`
    const malformed = await app.inject({ method: 'POST', url, headers: json, payload: '{"username": "alice"' })
    t.equal(malformed.statusCode, 400, 'malformed JSON')
    t.equal(malformed.json().statusCode, 400)
    t.equal((await app.inject({ method: 'POST', url, headers: json, payload: '' })).statusCode, 400, 'empty body')
    t.equal((await app.inject({ method: 'POST', url })).statusCode, 400, 'no body at all')
    const form = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=alice' })
    t.equal(form.statusCode, 415, 'a form body')
    const huge = await app.inject({ method: 'POST', url, payload: { username: 'alice', pad: 'x'.repeat(20_000) } })
    t.equal(huge.statusCode, 413, 'over the body limit')
    t.equal(huge.json().code, 'FST_ERR_CTP_BODY_TOO_LARGE')
  }

  const sortCases: [string, unknown, RegExp][] = [
    ['a missing post_ids', {}, /body\/post_ids is required/],
    ['a string for post_ids', { post_ids: POST_A }, /body\/post_ids/],
    ['a number among the ids', { post_ids: [POST_A, 42] }, /body\/post_ids\/1/],
    ['a bad id among the ids', { post_ids: [POST_A, 'nope'] }, /body\/post_ids\/1/],
    ['an unknown field', { post_ids: [], limit: 3 }, /body\/limit is not an allowed field/]
  ]
  for (const [name, payload, message] of sortCases) {
    const res = await app.inject({ method: 'POST', url: '/votes/sort', payload: payload as object })
    t.equal(res.statusCode, 400, `sort: ${name}`)
    t.match(res.json(), { statusCode: 400, message }, `sort: ${name}`)
  }

  t.same(await tally(app, POST_A), { post_id: POST_A, upvotes: 0, downvotes: 0, score: 0 }, 'no vote was counted')
  t.same((await app.inject({ method: 'GET', url: '/votes/top' })).json(), [], 'no post was ranked')
})
