import { test } from 'tap'
import { buildTestApp, createUser, postGame } from './helper.js'

test('stats: integers in paths and queries are decimal, unknown parameters are refused', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'alice')
  t.equal((await postGame(app, id, { game_id: 16, finished: '2022-03-01', won: true })).statusCode, 201)
  for (const url of [`/stats/users/${id}/games/0x10`, `/stats/users/${id}/games/1e1`, `/stats/users/${id}/games/+16`, `/stats/users/${id}/games/16.0`]) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 400, url)
    t.match(res.json().message, /^params\/game_id must be an integer written in decimal digits/, url)
  }
  t.equal((await app.inject({ method: 'GET', url: `/stats/users/${id}/games/16` })).statusCode, 200)
  for (const board of ['wins', 'streaks']) {
    for (const limit of ['0x10', '0b11', '0o7', '1e1', '%2010', '+5']) {
      const res = await app.inject({ method: 'GET', url: `/stats/leaderboards/${board}?limit=${limit}` })
      t.equal(res.statusCode, 400, `${board} limit=${limit}`)
      t.match(res.json().message, /querystring\/limit must be an integer written in decimal digits/)
    }
  }
  for (const url of [`/stats/users/${id}?x=1`, `/stats/users/${id}/games/16?x=1`, '/stats/users?username=alice&x=1']) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 400, url)
    t.match(res.json().message, /querystring\/x is not an allowed field/)
  }
})
