import { test } from 'tap'
import { buildTestApp, createUser, PASSWORD } from './helper.js'

const json = 'application/json; charset=utf-8'

test('POST /users', async (t) => {
  const app = await buildTestApp(t)

  t.test('creates an account: 201, Location, karma 0, active', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/users', payload: { username: 'ada.l_1-x', email: 'ada@example.com', password: PASSWORD } })
    t.equal(res.statusCode, 201)
    t.equal(res.headers.location, '/users/ada.l_1-x')
    t.equal(res.headers['content-type'], json)
    const body = res.json()
    t.match(body, { username: 'ada.l_1-x', email: 'ada@example.com', karma: 0, active: true })
    t.ok(!Number.isNaN(Date.parse(body.created_at)), 'created_at is a timestamp')
    const read = await app.inject({ method: 'GET', url: res.headers.location as string })
    t.same(read.json(), body, 'the Location reads the account back')
  })

  t.test('a taken username is a 409, also in another letter case', async (t) => {
    await createUser(app, 'bob')
    for (const username of ['bob', 'BOB', 'Bob']) {
      const res = await app.inject({ method: 'POST', url: '/users', payload: { username, email: `${username}-2@example.com`, password: PASSWORD } })
      t.equal(res.statusCode, 409, username)
      t.match(res.json(), { statusCode: 409, error: 'Conflict', code: 'USERS_USERNAME_TAKEN' })
    }
    t.equal((await app.inject({ method: 'GET', url: '/users/BOB' })).statusCode, 404, 'nothing written')
  })

  t.test('the name wins when both name and email are taken', async (t) => {
    await createUser(app, 'carol')
    const res = await app.inject({ method: 'POST', url: '/users', payload: { username: 'carol', email: 'carol@example.com', password: PASSWORD } })
    t.equal(res.json().code, 'USERS_USERNAME_TAKEN')
  })

  t.test('an email already in use is a 409, whatever its case', async (t) => {
    await createUser(app, 'dave', 'dave@example.com')
    const res = await app.inject({ method: 'POST', url: '/users', payload: { username: 'dave2', email: 'DAVE@example.com', password: PASSWORD } })
    t.equal(res.statusCode, 409)
    t.equal(res.json().code, 'USERS_EMAIL_TAKEN')
    t.equal((await app.inject({ method: 'GET', url: '/users/dave2' })).statusCode, 404, 'nothing written')
  })

  t.test('an invalid email is a 400 naming the field', async (t) => {
    for (const email of ['not-an-email', 'a@', '@b.com', 'a b@c.com', '', 'x'.repeat(250) + '@e.com']) {
      const res = await app.inject({ method: 'POST', url: '/users', payload: { username: 'erin', email, password: PASSWORD } })
      t.equal(res.statusCode, 400, email)
      t.match(res.json(), { statusCode: 400, code: 'FST_ERR_VALIDATION', message: /body\/email/ })
    }
    t.equal((await app.inject({ method: 'GET', url: '/users/erin' })).statusCode, 404, 'nothing written')
  })

  t.test('invalid usernames are a 400 naming the field', async (t) => {
    for (const username of ['', 'a'.repeat(65), 'al ice', 'ålice', 'a/b', '.', '..', 'a@b']) {
      const res = await app.inject({ method: 'POST', url: '/users', payload: { username, email: 'x@example.com', password: PASSWORD } })
      t.equal(res.statusCode, 400, JSON.stringify(username))
      t.match(res.json().message, /body\/username/)
    }
    for (const [i, username] of ['a', 'a'.repeat(64), '...', 'x.y', '-_-'].entries()) {
      const res = await app.inject({ method: 'POST', url: '/users', payload: { username, email: `ok${i}@example.com`, password: PASSWORD } })
      t.equal(res.statusCode, 201, `${username} is allowed`)
    }
  })

  t.test('the name of the spec route is reserved', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/users', payload: { username: 'OpenAPI.json', email: 'spec@example.com', password: PASSWORD } })
    t.equal(res.statusCode, 400)
    t.equal(res.json().code, 'USERS_USERNAME_RESERVED')
  })

  t.test('missing, unknown and wrongly typed fields are 400s', async (t) => {
    const cases: [unknown, RegExp][] = [
      [{ email: 'f@example.com', password: PASSWORD }, /body\/username is required/],
      [{ username: 'frank', password: PASSWORD }, /body\/email is required/],
      [{ username: 'frank', email: 'f@example.com' }, /body\/password is required/],
      [{ username: 'frank', email: 'f@example.com', password: PASSWORD, karma: 100 }, /body\/karma is not an allowed field/],
      [{ username: 'frank', email: 'f@example.com', password: PASSWORD, active: false }, /body\/active is not an allowed field/],
      [{ username: 42, email: 'f@example.com', password: PASSWORD }, /body\/username/],
      [{ username: 'frank', email: ['f@example.com'], password: PASSWORD }, /body\/email/],
      [{ username: 'frank', email: 'f@example.com', password: 12345678901 }, /body\/password/],
      [['frank'], /body/],
      ['frank', /body/]
    ]
    for (const [payload, message] of cases) {
      const res = await app.inject({ method: 'POST', url: '/users', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) })
      t.equal(res.statusCode, 400, JSON.stringify(payload))
      t.match(res.json().message, message)
    }
    t.equal((await app.inject({ method: 'GET', url: '/users/frank' })).statusCode, 404, 'nothing written')
  })

  t.test('malformed JSON, no body and other content types are 4xx JSON errors', async (t) => {
    const bad = await app.inject({ method: 'POST', url: '/users', headers: { 'content-type': 'application/json' }, payload: '{"username": "gina",' })
    t.equal(bad.statusCode, 400)
    t.equal(bad.headers['content-type'], json)
    const none = await app.inject({ method: 'POST', url: '/users' })
    t.equal(none.statusCode, 400)
    t.equal(none.json().statusCode, 400)
    const text = await app.inject({ method: 'POST', url: '/users', headers: { 'content-type': 'text/plain' }, payload: 'gina' })
    t.equal(text.statusCode, 415)
    t.equal(text.json().statusCode, 415)
    t.equal((await app.inject({ method: 'GET', url: '/users/gina' })).statusCode, 404, 'nothing written')
  })

  t.test('an oversized body is a 413 and writes nothing', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/users', payload: { username: 'hank', email: 'h@example.com', pad: 'x'.repeat(100_000), password: PASSWORD } })
    t.equal(res.statusCode, 413)
    t.equal(res.json().code, 'FST_ERR_CTP_BODY_TOO_LARGE')
    t.equal((await app.inject({ method: 'GET', url: '/users/hank' })).statusCode, 404)
  })
})

test('GET /users/:username', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'ivy')

  t.test('reads an account', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/users/ivy' })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { username: 'ivy', email: 'ivy@example.com', karma: 0, active: true })
  })

  t.test('lookups are exact: another letter case is a 404', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/users/IVY' })
    t.equal(res.statusCode, 404)
    t.same(res.json(), { statusCode: 404, error: 'Not Found', message: "user 'IVY' does not exist", code: 'USERS_NOT_FOUND' })
  })

  t.test('an impossible username is a 400', async (t) => {
    const res = await app.inject({ method: 'GET', url: `/users/${'a'.repeat(65)}` })
    t.equal(res.statusCode, 400)
    t.match(res.json().message, /params\/username/)
  })
})

test('PATCH /users/:username', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'jon')
  await createUser(app, 'kim')

  t.test('changes the email', async (t) => {
    const res = await app.inject({ method: 'PATCH', url: '/users/jon', payload: { email: 'jon@new.example.com' } })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { username: 'jon', email: 'jon@new.example.com', karma: 0, active: true })
    t.equal((await app.inject({ method: 'GET', url: '/users/jon' })).json().email, 'jon@new.example.com')
  })

  t.test("setting one's own email again is fine", async (t) => {
    const res = await app.inject({ method: 'PATCH', url: '/users/jon', payload: { email: 'jon@new.example.com' } })
    t.equal(res.statusCode, 200)
  })

  t.test("another account's email is a 409 and changes nothing", async (t) => {
    const res = await app.inject({ method: 'PATCH', url: '/users/jon', payload: { email: 'KIM@example.com' } })
    t.equal(res.statusCode, 409)
    t.equal(res.json().code, 'USERS_EMAIL_TAKEN')
    t.equal((await app.inject({ method: 'GET', url: '/users/jon' })).json().email, 'jon@new.example.com')
  })

  t.test('bad bodies are 400s', async (t) => {
    for (const payload of [{}, { email: 'nope' }, { email: 'j@example.com', username: 'jon2' }, { email: 'j@example.com', karma: 5 }, { email: null }]) {
      const res = await app.inject({ method: 'PATCH', url: '/users/jon', payload })
      t.equal(res.statusCode, 400, JSON.stringify(payload))
    }
    t.equal((await app.inject({ method: 'GET', url: '/users/jon' })).json().email, 'jon@new.example.com', 'nothing written')
  })

  t.test('an unknown user is a 404', async (t) => {
    const res = await app.inject({ method: 'PATCH', url: '/users/nobody', payload: { email: 'n@example.com' } })
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'USERS_NOT_FOUND')
  })

  t.test('a deactivated account is a 409', async (t) => {
    await app.inject({ method: 'DELETE', url: '/users/kim' })
    const res = await app.inject({ method: 'PATCH', url: '/users/kim', payload: { email: 'kim@new.example.com' } })
    t.equal(res.statusCode, 409)
    t.equal(res.json().code, 'USERS_INACTIVE')
    t.equal((await app.inject({ method: 'GET', url: '/users/kim' })).json().email, 'kim@example.com')
  })
})

test('DELETE /users/:username', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'lea')

  t.test('deactivates: 200, the account stays with active false', async (t) => {
    const res = await app.inject({ method: 'DELETE', url: '/users/lea' })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { username: 'lea', email: 'lea@example.com', active: false })
    const read = await app.inject({ method: 'GET', url: '/users/lea' })
    t.equal(read.statusCode, 200)
    t.equal(read.json().active, false)
  })

  t.test('is idempotent', async (t) => {
    const res = await app.inject({ method: 'DELETE', url: '/users/lea' })
    t.equal(res.statusCode, 200)
    t.equal(res.json().active, false)
  })

  t.test('the name of a deactivated account is not reusable, nor is its email', async (t) => {
    const name = await app.inject({ method: 'POST', url: '/users', payload: { username: 'lea', email: 'other@example.com', password: PASSWORD } })
    t.equal(name.statusCode, 409)
    t.equal(name.json().code, 'USERS_USERNAME_TAKEN')
    const email = await app.inject({ method: 'POST', url: '/users', payload: { username: 'lea2', email: 'lea@example.com', password: PASSWORD } })
    t.equal(email.statusCode, 409)
    t.equal(email.json().code, 'USERS_EMAIL_TAKEN')
  })

  t.test('an unknown user is a 404', async (t) => {
    const res = await app.inject({ method: 'DELETE', url: '/users/nobody' })
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'USERS_NOT_FOUND')
  })
})
