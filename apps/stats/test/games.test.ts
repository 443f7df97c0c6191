import { test } from 'tap'
import { buildTestApp, createUser, postGame, statsOf } from './helper.js'

test('POST /stats/games', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'player')

  t.test('records a game: 201, the game, and its Location', async (t) => {
    const res = await postGame(app, id, { game_id: 250, finished: '2022-02-24', guesses: 3, won: true })
    t.equal(res.statusCode, 201)
    t.same(res.json(), { user_id: id, game_id: 250, finished: '2022-02-24', guesses: 3, won: true })
    t.equal(res.headers.location, `/stats/users/${id}/games/250`)
    const read = await app.inject({ method: 'GET', url: res.headers.location as string })
    t.equal(read.statusCode, 200)
    t.same(read.json(), res.json())
  })

  t.test('normalises a timestamp to UTC', async (t) => {
    const res = await postGame(app, id, { game_id: 251, finished: '2022-02-25T23:30:00-05:00', won: false })
    t.equal(res.statusCode, 201)
    t.equal(res.json().finished, '2022-02-26T04:30:00.000Z')
  })

  t.test('returns 404 for an unknown user, and writes nothing', async (t) => {
    const ghost = '3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59'
    const res = await postGame(app, ghost, { game_id: 1, finished: '2022-01-01', won: true })
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'STATS_USER_NOT_FOUND')
    const read = await app.inject({ method: 'GET', url: `/stats/users/${ghost}/games/1` })
    t.equal(read.statusCode, 404)
  })

  t.test('is safe to replay: the same game again answers 200 with the game, and counts once', async (t) => {
    const before = await statsOf(app, id)
    const game = { game_id: 260, finished: '2022-02-26T10:00:00+01:00', guesses: 4, won: true }
    const first = await postGame(app, id, game)
    t.equal(first.statusCode, 201)
    const again = await postGame(app, id, game)
    t.equal(again.statusCode, 200)
    t.same(again.json(), first.json())
    t.equal(again.headers.location, first.headers.location)
    t.equal((await statsOf(app, id)).gamesPlayed, before.gamesPlayed + 1, 'counted once')
    const sameInstant = await postGame(app, id, { ...game, finished: '2022-02-26T09:00:00Z' })
    t.equal(sameInstant.statusCode, 200, 'the same instant written another way is the same game')
  })

  t.test('returns 409 for the same game_id with other values, and keeps the first', async (t) => {
    const before = await statsOf(app, id)
    const res = await postGame(app, id, { game_id: 250, finished: '2022-03-01', guesses: 6, won: false })
    t.equal(res.statusCode, 409)
    t.equal(res.json().code, 'STATS_GAME_EXISTS')
    t.same(await statsOf(app, id), before, 'stats unchanged')
    const read = await app.inject({ method: 'GET', url: `/stats/users/${id}/games/250` })
    t.equal(read.json().finished, '2022-02-24')
  })

  t.test('returns 400 for every kind of bad input, and writes nothing', async (t) => {
    const before = await statsOf(app, id)
    const good = { user_id: id, game_id: 900, finished: '2022-03-03', guesses: 2, won: true }
    const bad: [string, unknown][] = [
      ['guesses 0', { ...good, guesses: 0 }],
      ['guesses 7', { ...good, guesses: 7 }],
      ['guesses 2.5', { ...good, guesses: 2.5 }],
      ['guesses as a string', { ...good, guesses: '2' }],
      ['won as a string', { ...good, won: 'yes' }],
      ['won as a number', { ...good, won: 1 }],
      ['game_id 0', { ...good, game_id: 0 }],
      ['game_id negative', { ...good, game_id: -3 }],
      ['game_id too large', { ...good, game_id: 2 ** 60 }],
      ['2022-02-30', { ...good, finished: '2022-02-30' }],
      ['2023-02-29', { ...good, finished: '2023-02-29' }],
      ['a word for a date', { ...good, finished: 'yesterday' }],
      // An offset no zone has: the format check once took any two digits, then the parser threw (a 500).
      ['offset +24:00', { ...good, finished: '2022-03-14T10:00:00+24:00' }],
      ['offset +14:30', { ...good, finished: '2022-03-14T10:00:00+14:30' }],
      // Outside 2000..2099: a typo, not a game (these were stored as years +10000 and -1).
      ['year 9999 at -23:59', { ...good, finished: '9999-12-31T23:59:59-23:59' }],
      ['year 0 at +23:59', { ...good, finished: '0000-01-01T00:00:00+23:59' }],
      ['1999-12-31', { ...good, finished: '1999-12-31' }],
      ['2100-01-01', { ...good, finished: '2100-01-01' }],
      ['a number for a date', { ...good, finished: 20220303 }],
      ['a user id that is not a UUID', { ...good, user_id: '12345' }],
      ['missing won', { user_id: id, game_id: 900, finished: '2022-03-03', guesses: 2 }],
      ['missing user_id', { game_id: 900, finished: '2022-03-03', guesses: 2, won: true }],
      ['an unknown field', { ...good, score: 100 }],
      ['null', null]
    ]
    for (const [why, payload] of bad) {
      const res = await app.inject({ method: 'POST', url: '/stats/games', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) })
      t.equal(res.statusCode, 400, why)
      t.equal(res.json().statusCode, 400, `${why}: JSON error`)
    }
    const malformed = await app.inject({ method: 'POST', url: '/stats/games', headers: { 'content-type': 'application/json' }, payload: '{"user_id": "' + id + '", "game_id": 900,' })
    t.equal(malformed.statusCode, 400, 'malformed JSON')
    const huge = await app.inject({ method: 'POST', url: '/stats/games', payload: { ...good, finished: 'x'.repeat(50_000) } })
    t.equal(huge.statusCode, 413, 'oversized body')
    t.same(await statsOf(app, id), before, 'stats unchanged')
    t.equal((await app.inject({ method: 'GET', url: `/stats/users/${id}/games/900` })).statusCode, 404, 'game 900 not stored')
  })
})

test('GET /stats/users/:user_id/games/:game_id', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'reader')
  await postGame(app, id, { game_id: 7, finished: '2022-05-05', guesses: 5, won: false })

  t.test('returns 404 for a game the user does not have', async (t) => {
    const res = await app.inject({ method: 'GET', url: `/stats/users/${id}/games/8` })
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'STATS_GAME_NOT_FOUND')
  })
  t.test('returns 400 for a game id that is not a positive integer', async (t) => {
    for (const gameId of ['0', '-1', 'seven', '1.5']) {
      const res = await app.inject({ method: 'GET', url: `/stats/users/${id}/games/${gameId}` })
      t.equal(res.statusCode, 400, gameId)
    }
  })
})
