// The gateway authenticates writes: real Traefik, real accounts, posts and stats processes. A write
// without a valid token never reaches the service; a write acts as its token's user.
import t from 'tap'
import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { call as stackCall, signUp, startTestStack, type TestAccount } from '@platform/stack/testing'

t.setTimeout(180_000)

const stack = await startTestStack({ formation: 'users=1,posts=1,stats=1,docs=1' })
t.teardown(async () => {
  if (!t.passing()) t.comment(`formation log:\n${stack.lines.slice(-40).join('\n')}`)
  await stack.stop()
})
const gw = stack.baseUrl
const tag = Date.now().toString(36)

const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => stackCall(gw, method, path, body, headers)
const aPost = (username: string) => ({ username, community: 'wordle', title: `by ${username}`, text: 'hello' })

/** A token made by hand with the formation's own key (the users service keeps it in DATA_DIR). */
function token (payload: object, key = readFileSync(join(stack.dir, 'data', 'users-jwt.key'), 'utf8').trim()): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const signed = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`
  return `${signed}.${createHmac('sha256', key).update(signed).digest('base64url')}`
}

let alice: TestAccount
let bob: TestAccount

t.test('sign-up and sign-in need no token; reads need none; the stats service keeps its open API', async (t) => {
  alice = await signUp(gw, `alice_${tag}`)
  bob = await signUp(gw, `bob_${tag}`)
  t.match(alice.token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a JWT')
  t.equal((await call('GET', '/posts')).status, 200)
  t.equal((await call('POST', '/stats/users', { username: `player_${tag}` })).status, 201)
})

t.test('a write without a valid token is a 401 JSON from the gateway, and the service never sees it', async (t) => {
  const now = Math.floor(Date.now() / 1000)
  const cases: [string, Record<string, string>, string][] = [
    ['no token', {}, 'USERS_TOKEN_MISSING'],
    ['not a bearer token', { authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}` }, 'USERS_TOKEN_MISSING'],
    ['garbage', { authorization: 'Bearer not-a-token' }, 'USERS_TOKEN_INVALID'],
    ['expired', { authorization: `Bearer ${token({ sub: alice.username, iat: now - 1000, exp: now - 10 })}` }, 'USERS_TOKEN_EXPIRED'],
    ['signed with another key', { authorization: `Bearer ${token({ sub: alice.username, iat: now, exp: now + 600 }, 'some-other-key-of-at-least-32-chars!!')}` }, 'USERS_TOKEN_INVALID'],
    ['a payload changed after signing', { authorization: `Bearer ${alice.token.split('.').map((p, i) => (i === 1 ? Buffer.from(JSON.stringify({ sub: bob.username, exp: now + 600 })).toString('base64url') : p)).join('.')}` }, 'USERS_TOKEN_INVALID'],
    ['a forged X-Auth-User alone', { 'x-auth-user': alice.username }, 'USERS_TOKEN_MISSING']
  ]
  for (const [why, headers, code] of cases) {
    const res = await call('POST', '/posts', aPost(alice.username), headers)
    t.equal(res.status, 401, why)
    t.match(res.type, /^application\/json/, `${why}: JSON`)
    t.match(res.body, { statusCode: 401, code }, why)
  }
  t.same((await call('GET', '/posts')).body.posts, [], 'no post was written')
})

t.test('a write acts as its token\'s user: another username is a 403, a forged header is overwritten', async (t) => {
  const own = await call('POST', '/posts', aPost(alice.username), alice.auth)
  t.equal(own.status, 201)
  t.equal(own.body.username, alice.username)
  const other = await call('POST', '/posts', aPost(bob.username), alice.auth)
  t.equal(other.status, 403)
  t.equal(other.body.code, 'POSTS_FORBIDDEN')
  const forged = await call('POST', '/posts', aPost(bob.username), { ...alice.auth, 'x-auth-user': bob.username })
  t.equal(forged.status, 403, 'the gateway replaced the forged X-Auth-User with the token\'s user')
  const del = await call('DELETE', `/posts/${own.body.post_id}`, undefined, bob.auth)
  t.equal(del.status, 403, 'bob cannot delete alice\'s post')
  t.same((await call('GET', '/posts')).body.posts.map((p: { username: string }) => p.username), [alice.username], 'only alice\'s own post exists')
})

t.test('writes are rate-limited per user at the gateway', async (t) => {
  const burst = await Promise.all(Array.from({ length: 300 }, () => call('POST', `/users/${bob.username}/karma/increment`, undefined, alice.auth)))
  const limited = burst.filter((r) => r.status === 429).length
  t.ok(limited > 0, `${limited} of 300 writes in one go were refused with 429`)
  t.equal(burst.filter((r) => r.status !== 200 && r.status !== 429).length, 0, 'the rest went through')
  t.equal((await call('POST', `/users/${alice.username}/karma/increment`, undefined, bob.auth)).status, 200, 'another user is not limited')
})
