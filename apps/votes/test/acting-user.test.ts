import { test } from 'tap'
import { buildTestApp, POST_A, tally, vote } from './helper.js'

test('a vote is cast as the token\'s user only', async (t) => {
  const app = await buildTestApp(t)
  const forged = await app.inject({ method: 'POST', url: `/votes/${POST_A}/upvotes`, headers: { 'x-auth-user': 'mallory' }, payload: { username: 'alice' } })
  t.equal(forged.statusCode, 403)
  t.equal(forged.json().code, 'VOTES_FORBIDDEN')
  t.match(await tally(app, POST_A), { upvotes: 0 }, 'not counted')
  t.equal((await vote(app, POST_A, 'up', { username: 'alice' })).statusCode, 201)
})
