import { test } from 'tap'
import { buildTestApp, createUser } from './helper.js'

test('POST /stats/users', async (t) => {
  const app = await buildTestApp(t)

  t.test('creates a user: 201, a UUID, and a Location to their stats', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/stats/users', payload: { username: 'ana.silva' } })
    t.equal(res.statusCode, 201)
    const body = res.json()
    t.match(body.user_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    t.equal(body.username, 'ana.silva')
    t.equal(res.headers.location, `/stats/users/${body.user_id}`)
    t.match(res.headers['content-type'], /^application\/json/)
  })

  t.test('is safe to replay: the same username again answers 200 with the user as first registered', async (t) => {
    const first = await app.inject({ method: 'POST', url: '/stats/users', payload: { username: 'replayed' } })
    t.equal(first.statusCode, 201)
    const again = await app.inject({ method: 'POST', url: '/stats/users', payload: { username: 'replayed' } })
    t.equal(again.statusCode, 200)
    t.same(again.json(), first.json(), 'the same body')
    t.equal(again.headers.location, first.headers.location, 'the same Location')
  })

  t.test('returns 409 for a name taken in another letter case (one rule with the accounts service)', async (t) => {
    await createUser(app, 'Taken.Name')
    const res = await app.inject({ method: 'POST', url: '/stats/users', payload: { username: 'taken.name' } })
    t.equal(res.statusCode, 409)
    t.match(res.json(), { statusCode: 409, error: 'Conflict', code: 'STATS_USERNAME_TAKEN', message: /taken\.name is taken \(as Taken\.Name\)/ })
    const lookup = await app.inject({ method: 'GET', url: '/stats/users?username=taken.name' })
    t.equal(lookup.statusCode, 404, 'lookups are exact: nobody is called taken.name')
  })

  t.test('50 parallel registrations of one name make one user: one 201, the rest 200 with the same id', async (t) => {
    const replies = await Promise.all(Array.from({ length: 50 }, () => app.inject({ method: 'POST', url: '/stats/users', payload: { username: 'crowd' } })))
    t.same(replies.map((r) => r.statusCode).sort(), [...Array(49).fill(200), 201])
    t.equal(new Set(replies.map((r) => r.json().user_id)).size, 1)
  })

  t.test('returns 400 naming the problem, and creates nobody', async (t) => {
    const bad: [string, unknown][] = [
      ['missing username', {}],
      ['unknown field', { username: 'bob', admin: true }],
      ['wrong type', { username: 42 }],
      ['empty', { username: '' }],
      ['too long', { username: 'x'.repeat(65) }],
      ['injection-looking', { username: "bob'; DROP TABLE users; --" }],
      ['not an object', ['bob']]
    ]
    for (const [why, payload] of bad) {
      const res = await app.inject({ method: 'POST', url: '/stats/users', payload: payload as object })
      t.equal(res.statusCode, 400, why)
      t.match(res.json(), { statusCode: 400, code: 'FST_ERR_VALIDATION', message: /body/ }, why)
    }
    const lookup = await app.inject({ method: 'GET', url: '/stats/users?username=bob' })
    t.equal(lookup.statusCode, 404, 'bob was never created')
  })

  t.test('returns 400 for malformed JSON and 415 for a body that is not JSON', async (t) => {
    const broken = await app.inject({ method: 'POST', url: '/stats/users', headers: { 'content-type': 'application/json' }, payload: '{"username": ' })
    t.equal(broken.statusCode, 400)
    t.equal(broken.json().statusCode, 400)
    const text = await app.inject({ method: 'POST', url: '/stats/users', headers: { 'content-type': 'text/plain' }, payload: 'username=bob' })
    t.equal(text.statusCode, 415)
    t.equal(text.json().statusCode, 415)
  })

  t.test('returns 413 for an oversized body', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/stats/users', payload: { username: 'big', pad: 'x'.repeat(20_000) } })
    t.equal(res.statusCode, 413)
    t.equal(res.json().code, 'FST_ERR_CTP_BODY_TOO_LARGE')
  })
})

test('GET /stats/users?username=', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'Carla_7')

  t.test('finds a user by username', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/stats/users?username=Carla_7' })
    t.equal(res.statusCode, 200)
    t.same(res.json(), { user_id: id, username: 'Carla_7' })
  })
  t.test('returns 404 for an unknown username', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/stats/users?username=carla_7' })
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'STATS_USERNAME_NOT_FOUND')
  })
  t.test('returns 400 without a username', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/stats/users' })
    t.equal(res.statusCode, 400)
    t.match(res.json().message, /querystring\/username is required/)
  })
})

test('GET /stats/users/:user_id', async (t) => {
  const app = await buildTestApp(t)

  t.test('returns zeros for a user with no games, in exactly the NYT keys', async (t) => {
    const id = await createUser(app, 'newbie')
    const res = await app.inject({ method: 'GET', url: `/stats/users/${id}` })
    t.equal(res.statusCode, 200)
    t.strictSame(res.json(), {
      currentStreak: 0,
      maxStreak: 0,
      guesses: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, fail: 0 },
      winPercentage: 0,
      gamesPlayed: 0,
      gamesWon: 0,
      averageGuesses: 0
    })
  })
  t.test('returns 404 for an unknown user', async (t) => {
    for (const id of ['3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59', '00000000-0000-0000-0000-000000000000']) {
      const res = await app.inject({ method: 'GET', url: `/stats/users/${id}` })
      t.equal(res.statusCode, 404)
      t.equal(res.json().code, 'STATS_USER_NOT_FOUND')
    }
  })
  t.test('returns 400 for an id that is not a UUID', async (t) => {
    for (const id of ['42', 'not-a-uuid', 'urn:uuid:3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59', '3f2c8a4e1b7d4c559e0a6d2f1c3b4a59']) {
      const res = await app.inject({ method: 'GET', url: `/stats/users/${encodeURIComponent(id)}` })
      t.equal(res.statusCode, 400, id)
      t.match(res.json().message, /params\/user_id/, id)
    }
  })
  t.test('accepts an upper-case id for the same user', async (t) => {
    const id = await createUser(app, 'shouty')
    const res = await app.inject({ method: 'GET', url: `/stats/users/${id.toUpperCase()}` })
    t.equal(res.statusCode, 200)
  })
})
