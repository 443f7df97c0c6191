// Users service: smoke (every endpoint once), negative cases, and its part of the user journey.
import { check, group } from 'k6'
import exec from 'k6/execution'
import { uniqueName, randomToken } from '../../lib/data.js'
import { batch, bodyOf, expectStatuses } from '../../lib/http.js'
import { countHostile, runCases } from '../../lib/negative.js'
import { badEncodings, unknownParameters, withLoneSurrogate } from '../../lib/hostile.js'
import { ownAccount, PASSWORD } from '../../lib/auth.js'
import encoding from 'k6/encoding'
import { createAccount, getAccount, updateEmail, deactivate, changeKarma, ROUTES } from './client.js'

const email = (name) => `${name}@example.com`

export function smoke () {
  group('users', () => {
    const name = uniqueName('k6smoke')
    if (!createAccount(name, email(name))) return
    getAccount(name, { username: name, email: email(name), karma: 0, active: true })
    updateEmail(name, `new-${email(name)}`)
    changeKarma(name, 'increment', 1)
    changeKarma(name, 'decrement', 0)
    deactivate(name)
    getAccount(name, { username: name, active: false })
  })
}

export const negative = {
  setup () {
    const victim = uniqueName('k6neg')
    if (!createAccount(victim, email(victim))) throw new Error('users negative setup: could not create the victim')
    changeKarma(victim, 'increment', 1)
    const gone = uniqueName('k6neg')
    createAccount(gone, email(gone))
    deactivate(gone)
    return { victim, gone }
  },
  run ({ victim, gone }) {
    const ghost = `k6neg-${randomToken(12)}`
    const u = (name) => `/users/${encodeURIComponent(name)}`
    group('users: bogus requests', () =>
      runCases([
        { method: 'POST', path: '/users', label: 'users: malformed JSON', body: '{"username":', status: 400 },
        { method: 'POST', path: '/users', label: 'users: missing email', body: { username: ghost }, status: 400 },
        { method: 'POST', path: '/users', label: 'users: not an email', body: { username: ghost, email: 'not-an-email' }, status: 400 },
        { method: 'POST', path: '/users', label: 'users: email is a number', body: { username: ghost, email: 42 }, status: 400 },
        { method: 'POST', path: '/users', label: 'users: unknown field', body: { username: ghost, email: email(ghost), karma: 1e6 }, status: 400 },
        { method: 'POST', path: '/users', label: 'users: injection name', body: { username: "x' OR '1'='1", email: email(ghost) }, status: 400 },
        { method: 'POST', path: '/users', label: 'users: no password', body: { username: ghost, email: email(ghost) }, status: 400 },
        { method: 'POST', path: '/users', label: 'users: short password', body: { username: ghost, email: email(ghost), password: 'short' }, status: 400 },
        { method: 'POST', path: '/users', label: 'users: common password', body: { username: ghost, email: email(ghost), password: 'Password123' }, status: 400, code: 'USERS_WEAK_PASSWORD' },
        { method: 'POST', path: '/users', label: 'users: taken name, other case', body: { username: victim.toUpperCase(), email: email(ghost), password: PASSWORD }, status: 409, code: 'USERS_USERNAME_TAKEN' },
        { method: 'POST', path: '/users', label: 'users: taken email', body: { username: ghost, email: email(victim), password: PASSWORD }, status: 409, code: 'USERS_EMAIL_TAKEN' },
        { method: 'POST', path: '/users', label: 'users: reserved name', body: { username: 'openapi.json', email: email(ghost), password: PASSWORD }, status: 400, code: 'USERS_USERNAME_RESERVED' },
        { method: 'POST', path: '/users/sessions', label: 'users: sign-in, wrong password', body: { username: victim, password: 'not-the-password' }, status: 401, code: 'USERS_BAD_CREDENTIALS' },
        { method: 'POST', path: '/users/sessions', label: 'users: sign-in, unknown user', body: { username: ghost, password: PASSWORD }, status: 401, code: 'USERS_BAD_CREDENTIALS' },
        { method: 'POST', path: '/users', label: 'users: huge body', body: JSON.stringify({ username: ghost, email: 'a'.repeat(1 << 20) }), status: 413 },
        { method: 'GET', path: u(ghost), label: 'users: unknown account', status: 404, code: 'USERS_NOT_FOUND' },
        { method: 'GET', path: u('with space'), label: 'users: malformed name in path', status: 400 },
        { method: 'PATCH', path: u(victim), label: 'users: patch unknown field', body: { email: email(ghost), karma: 99 }, status: 400 },
        { method: 'PATCH', path: u(victim), label: 'users: patch username', body: { username: ghost }, status: 400 },
        // A deactivated account cannot sign in, so through the gateway only others try: 403.
        { method: 'PATCH', path: u(gone), label: 'users: patch deactivated', body: { email: email(ghost) }, status: 403, code: 'USERS_FORBIDDEN' },
        { method: 'POST', path: `${u(gone)}/karma/increment`, label: 'users: karma of deactivated', status: 409, code: 'USERS_INACTIVE' },
        { method: 'POST', path: `${u(ghost)}/karma/increment`, label: 'users: karma of unknown', status: 404, code: 'USERS_NOT_FOUND' },
        { method: 'POST', path: `${u(victim)}/karma/double`, label: 'users: unknown karma action', status: 404 }
      ])
    )
    // The gateway authenticates every write: the service never sees one without a valid token.
    const own = ownAccount()
    const [head, , signature] = own.token.split('.')
    const claims = (sub) => encoding.b64encode(JSON.stringify({ sub, exp: Math.floor(Date.now() / 1000) + 600 }), 'rawurl')
    const write = { body: { email: email(ghost) } }
    group('users: writes without a valid token, or as someone else', () =>
      runCases([
        { method: 'PATCH', path: u(victim), label: 'auth: no token', ...write, as: null, status: 401, code: 'USERS_TOKEN_MISSING' },
        { method: 'PATCH', path: u(victim), label: 'auth: not a bearer token', ...write, headers: { Authorization: 'Basic a2Y6cHc=' }, status: 401, code: 'USERS_TOKEN_MISSING' },
        { method: 'PATCH', path: u(victim), label: 'auth: garbage token', ...write, headers: { Authorization: 'Bearer garbage' }, status: 401, code: 'USERS_TOKEN_INVALID' },
        { method: 'PATCH', path: u(victim), label: 'auth: bad signature', ...write, headers: { Authorization: `Bearer ${head}.${claims(victim)}.${'A'.repeat(43)}` }, status: 401, code: 'USERS_TOKEN_INVALID' },
        { method: 'PATCH', path: u(victim), label: 'auth: payload tampered', ...write, headers: { Authorization: `Bearer ${head}.${claims(victim)}.${signature}` }, status: 401, code: 'USERS_TOKEN_INVALID' },
        { method: 'PATCH', path: u(victim), label: 'auth: someone else\'s account', ...write, as: own.username, status: 403, code: 'USERS_FORBIDDEN' },
        { method: 'PATCH', path: u(victim), label: 'auth: forged X-Auth-User', ...write, as: own.username, headers: { 'X-Auth-User': victim }, status: 403, code: 'USERS_FORBIDDEN' },
        { method: 'DELETE', path: u(victim), label: 'auth: deactivate someone else', as: own.username, status: 403, code: 'USERS_FORBIDDEN' }
      ])
    )
    group('users: hostile requests', () =>
      runCases([
        { method: 'POST', path: '/users', label: 'users: lone surrogate in the email', body: withLoneSurrogate({ username: ghost, email: email(ghost), password: PASSWORD }, 'email'), status: 400, code: 'FST_ERR_VALIDATION' },
        ...badEncodings('users', 'POST', '/users', { username: ghost, email: email(ghost), password: PASSWORD }),
        ...unknownParameters('users', [
          ['GET', u(victim)], ['PATCH', u(victim), { email: email(ghost) }], ['DELETE', u(victim)], ['POST', `${u(victim)}/karma/increment`], ['POST', '/users', { username: ghost, email: email(ghost), password: PASSWORD }]
        ])
      ])
    )
    group('users: data unchanged afterwards', () => {
      getAccount(victim, { username: victim, email: email(victim), karma: 1, active: true })
      getAccount(gone, { username: gone, email: email(gone), active: false })
    })
    // The races: every increment counts once; of 50 sign-ups with one name, one wins.
    group('users: 150 parallel karma increments', () => {
      const name = uniqueName('k6race')
      if (!createAccount(name, email(name))) return
      const answers = countHostile(batch(Array.from({ length: 150 }, () => ({ method: 'POST', path: `${u(name)}/karma/increment`, name: ROUTES.karma }))))
      check(answers, {
        'karma race: 150 answers 200': (a) => a.filter((r) => r.status === 200).length === 150,
        'karma race: every value from 1 to 150 answered once': (a) => new Set(a.map((r) => (bodyOf(r) || {}).karma)).size === 150
      })
      getAccount(name, { username: name, karma: 150 })
    })
    group('users: 50 parallel sign-ups of one name', () => {
      const name = uniqueName('k6race')
      const answers = countHostile(batch(Array.from({ length: 50 }, (_, i) => ({
        method: 'POST', path: '/users', body: { username: name, email: `${i}-${email(name)}`, password: PASSWORD }, name: ROUTES.create, expect: expectStatuses(201, 409)
      }))))
      check(answers, {
        'sign-up race: one 201': (a) => a.filter((r) => r.status === 201).length === 1,
        'sign-up race: 49 answers 409 USERS_USERNAME_TAKEN': (a) => a.filter((r) => r.status === 409 && (bodyOf(r) || {}).code === 'USERS_USERNAME_TAKEN').length === 49
      })
      const winner = answers.find((r) => r.status === 201)
      getAccount(name, { username: name, email: winner ? bodyOf(winner).email : undefined })
    })
  }
}

// The journey's users part: one account per VU, read now and then; a vote moves someone's karma.
let account
export function journey () {
  if (!account) {
    const name = uniqueName('k6load', exec.vu.idInTest)
    if (createAccount(name, email(name))) account = { name, karma: 0 }
    return
  }
  const roll = Math.random()
  if (roll < 0.2) getAccount(account.name, { username: account.name, karma: account.karma })
  else if (roll < 0.3 && changeKarma(account.name, 'increment', account.karma + 1)) account.karma++
}
