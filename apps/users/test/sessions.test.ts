import { test } from 'tap'
import { createHmac } from 'node:crypto'
import { buildTestApp, createUser, PASSWORD, type TestApp } from './helper.js'

const signIn = (app: TestApp, username: string, password = PASSWORD) =>
  app.inject({ method: 'POST', url: '/users/sessions', payload: { username, password } })
const current = (app: TestApp, token?: string) =>
  app.inject({ method: 'GET', url: '/users/sessions/current', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } })

/** A JWT made by hand: for expired tokens, other keys and tampered payloads. */
function jwt (payload: object, secret: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
}
const SECRET = 'a-test-secret-of-at-least-32-characters'

test('sign-up keeps only a salted scrypt hash of the password', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'hashy')
  await createUser(app, 'hashy2')
  const read = await app.inject({ method: 'GET', url: '/users/hashy' })
  t.notMatch(read.body, /password|scrypt/, 'never in an answer')
  t.notMatch(read.body, PASSWORD)
})

test('sign-up refuses weak passwords with a 400 naming the field', async (t) => {
  const app = await buildTestApp(t)
  const cases: [string, RegExp][] = [
    ['short', /body\/password/],
    ['123456789', /body\/password/],
    ['1234567890', /body\/password is a common password/],
    ['PassWord123', /body\/password is a common password/],
    ['xx-weaker-name-xx', /must not contain the username/],
    ['weaker@example.com', /must not contain the username or be the email/]
  ]
  for (const [password, message] of cases) {
    const res = await app.inject({ method: 'POST', url: '/users', payload: { username: 'weaker', email: 'weaker@example.com', password } })
    t.equal(res.statusCode, 400, password)
    t.match(res.json().message, message, password)
  }
  t.equal((await app.inject({ method: 'GET', url: '/users/weaker' })).statusCode, 404, 'nothing written')
})

test('POST /users/sessions › 201 a token for the account; the gateway\'s check reads it back', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'Signer')
  const res = await signIn(app, 'signer')
  t.equal(res.statusCode, 201, 'the name in any letter case')
  const { token, expires_at: expiresAt } = res.json()
  const minutes = (Date.parse(expiresAt) - Date.now()) / 60_000
  t.ok(minutes > 14 && minutes <= 15, `short-lived: ${minutes.toFixed(1)} min`)
  const who = await current(app, token)
  t.equal(who.statusCode, 200)
  t.same(who.json(), { username: 'Signer', expires_at: expiresAt }, 'the subject is the account as registered')
  t.equal(who.headers['x-auth-user'], 'Signer', 'in the header the gateway passes on')
})

test('POST /users/sessions › one 401 for an unknown name, a wrong password and a deactivated account', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'known')
  await createUser(app, 'gone')
  await app.inject({ method: 'DELETE', url: '/users/gone' })
  const answers = [await signIn(app, 'nobody'), await signIn(app, 'known', 'wrong-password-1'), await signIn(app, 'gone')]
  for (const res of answers) {
    t.equal(res.statusCode, 401)
    t.same(res.json(), { statusCode: 401, error: 'Unauthorized', message: 'unknown username or wrong password', code: 'USERS_BAD_CREDENTIALS' })
  }
})

test('POST /users/sessions › failed sign-ins for one name are slowed down, not the owner for long', async (t) => {
  const app = await buildTestApp(t, { SIGNIN_MAX_FAILURES: '3', SIGNIN_WINDOW_S: '2' })
  await createUser(app, 'target')
  for (let i = 0; i < 3; i++) t.equal((await signIn(app, 'target', 'guess-number-' + i)).statusCode, 401)
  const limited = await signIn(app, 'target')
  t.equal(limited.statusCode, 429, 'even the right password waits')
  t.equal(limited.json().code, 'USERS_TOO_MANY_SIGNINS')
  t.match(limited.headers['retry-after'], /^[12]$/)
  t.equal((await signIn(app, 'TARGET', 'x')).statusCode, 429, 'whatever the letter case')
  t.equal((await signIn(app, 'someone-else')).statusCode, 401, 'other names are not slowed')
  await new Promise((resolve) => setTimeout(resolve, 2100))
  t.equal((await signIn(app, 'target')).statusCode, 201, 'the owner is back once the window has passed')
})

test('GET /users/sessions/current › 401 for a missing, expired, foreign or tampered token', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'holder')
  const now = Math.floor(Date.now() / 1000)
  const cases: [string | undefined, string][] = [
    [undefined, 'USERS_TOKEN_MISSING'],
    ['not.a.token', 'USERS_TOKEN_INVALID'],
    [jwt({ sub: 'holder', iat: now - 1000, exp: now - 100 }, SECRET), 'USERS_TOKEN_EXPIRED'],
    [jwt({ sub: 'holder', iat: now, exp: now + 900 }, 'another-secret-of-at-least-32-characters'), 'USERS_TOKEN_INVALID'],
    [jwt({ sub: 'holder', iat: now, exp: now + 900 }, SECRET).replace(/^[^.]+/, Buffer.from('{"alg":"none"}').toString('base64url')), 'USERS_TOKEN_INVALID']
  ]
  const good = (await signIn(app, 'holder')).json().token as string
  const [head, , sig] = good.split('.')
  cases.push([`${head}.${Buffer.from(JSON.stringify({ sub: 'admin', iat: now, exp: now + 900 })).toString('base64url')}.${sig}`, 'USERS_TOKEN_INVALID'])
  for (const [token, code] of cases) {
    const res = await current(app, token)
    t.equal(res.statusCode, 401, code)
    t.equal(res.json().code, code)
    t.notOk(res.headers['x-auth-user'])
  }
  t.equal((await current(app, jwt({ sub: 'holder', iat: now, exp: now + 900 }, SECRET))).statusCode, 200, 'the same key signs the same')
})

test('a deactivated account\'s token stops working at once', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'leaver')
  const token = (await signIn(app, 'leaver')).json().token
  t.equal((await current(app, token)).statusCode, 200)
  await app.inject({ method: 'DELETE', url: '/users/leaver', headers: { 'x-auth-user': 'leaver' } })
  t.equal((await current(app, token)).statusCode, 401)
})

test('past PASSWORD_HASHES_IN_FLIGHT, sign-ups and sign-ins are a fast 503 with Retry-After, counted as no failure', async (t) => {
  const app = await buildTestApp(t, { PASSWORD_HASHES_IN_FLIGHT: '1' })
  const signUp = (username: string) => app.inject({ method: 'POST', url: '/users', payload: { username, email: `${username}@example.com`, password: PASSWORD } })
  const ups = await Promise.all(['ada', 'bob', 'cy'].map(signUp))
  const busy = ups.filter((r) => r.statusCode === 503)
  t.same(ups.map((r) => r.statusCode).sort(), [201, 503, 503], 'one hash at a time: the others are refused at once')
  for (const r of busy) {
    t.match(r.json(), { statusCode: 503, code: 'USERS_BUSY' })
    t.equal(r.headers['retry-after'], '1')
  }
  const [first] = ups.filter((r) => r.statusCode === 201).map((r) => r.json().username as string)
  const signIn = () => app.inject({ method: 'POST', url: '/users/sessions', payload: { username: first, password: 'not-the-password-1' } })
  const ins = await Promise.all([signIn(), signIn(), signIn()])
  t.same(ins.map((r) => r.statusCode).sort(), [401, 503, 503])
  // Only the one checked counts as a failed sign-in: four more are allowed before a 429.
  for (let i = 0; i < 4; i++) t.equal((await signIn()).statusCode, 401, `failure ${i + 2} of 5`)
  t.equal((await signIn()).statusCode, 429)
})
