// End to end: one user story across the community services, through the real gateway, with the
// real Procfile's processes (users twice, as several instances share one database).
import t from 'tap'
import { call as callAt, signUp, testStack, type TestAccount } from '@platform/stack/testing'

t.setTimeout(180_000)

const stack = await testStack(t, { formation: 'users=2,posts=1,votes=1,messages=1' })
const gw = stack.url

/** One request through the gateway, as `as` (its token) when given. */
const call = (method: string, path: string, body?: unknown, as?: TestAccount) => callAt(gw, method, path, body, as)

// Unique per run, so a failing run's data never explains a later one.
const tag = Date.now().toString(36)
const alice = `alice.${tag}`
const bob = `bob_${tag}`
const PASSWORD = 'plum-cobalt-harbour-42'
const as: Record<string, TestAccount> = {}

t.test('accounts, a post, votes with karma, messages: every step read back through the gateway', async (t) => {
  for (const name of [alice, bob]) {
    const created = await call('POST', '/users', { username: name, email: `${name}@example.com`, password: PASSWORD })
    t.equal(created.status, 201, `account ${name} created, no token needed`)
    t.equal(created.location, `/users/${name}`)
    t.match(created.instance, /^users@/, 'answered by a users instance')
    const session = await call('POST', '/users/sessions', { username: name, password: PASSWORD })
    t.equal(session.status, 201, `${name} signs in`)
    as[name] = { username: name, token: session.body.token, auth: { authorization: `Bearer ${session.body.token}` } }
  }
  t.equal((await call('POST', '/users', { username: alice, email: 'again@example.com', password: PASSWORD })).status, 409, 'a name is taken once')

  const post = await call('POST', '/posts', { username: alice, community: 'wordle', title: 'Solved in two', text: 'CRANE, then the answer.' }, as[alice])
  t.equal(post.status, 201, 'alice posts')
  t.match(post.instance, /^posts@/)
  const postId = post.body.post_id as string
  t.equal(post.location, `/posts/${postId}`)
  t.match((await call('GET', post.location!)).body, { post_id: postId, username: alice, title: 'Solved in two' })

  // A vote and its karma are two calls: the services do not call each other, the client does.
  const vote = await call('POST', `/votes/${postId}/upvotes`, { username: bob, community: 'wordle' }, as[bob])
  t.equal(vote.status, 201, 'bob upvotes')
  t.match(vote.body, { post_id: postId, username: bob, vote: 'up', upvotes: 1, score: 1 })
  t.same((await call('POST', `/users/${alice}/karma/increment`, undefined, as[bob])).body, { username: alice, karma: 1 })
  t.equal((await call('POST', `/votes/${postId}/upvotes`, { username: bob }, as[bob])).status, 409, 'the same vote twice is refused')
  t.match((await call('GET', `/votes/${postId}`)).body, { post_id: postId, upvotes: 1, downvotes: 0, score: 1 })

  const sent = await call('POST', '/messages', { from: bob, to: alice, contents: 'Nice solve!' }, as[bob])
  t.equal(sent.status, 201, 'bob messages alice')
  t.match(sent.instance, /^messages@/)
  t.equal(sent.location, `/messages/${sent.body.message_id}`)
  const reply = await call('POST', '/messages', { from: alice, to: bob, contents: 'Thanks, lucky guess.' }, as[alice])
  t.equal(reply.status, 201, 'alice replies')

  const inbox = await call('GET', `/messages?to=${alice}`)
  t.same(inbox.body, { messages: [sent.body], next: null }, "alice's inbox holds bob's message")
  const fav = await call('POST', `/messages/${sent.body.message_id}/favorite`, undefined, as[alice])
  t.equal(fav.body.favorite, true, 'alice keeps it as a favorite')
  t.same((await call('GET', `/messages?from=${alice}`)).body.messages, [reply.body], "alice's outbox holds her reply")
  t.equal((await call('GET', sent.location!)).body.favorite, true)

  const read = await call('GET', `/users/${alice}`)
  t.match(read.body, { username: alice, karma: 1, active: true }, "alice's account shows the karma")

  t.equal((await call('DELETE', `/users/${bob}`, undefined, as[alice])).status, 403, 'alice cannot close bob\'s account')
  t.equal((await call('DELETE', `/users/${bob}`, undefined, as[bob])).body.active, false, 'bob leaves')
  t.equal((await call('POST', `/users/${alice}/karma/increment`, undefined, as[bob])).status, 401, "bob's token stopped working")
  t.equal((await call('POST', '/users/sessions', { username: bob, password: PASSWORD })).status, 401, 'and he cannot sign in')
  t.equal((await call('POST', '/users', { username: bob, email: 'new-bob@example.com', password: PASSWORD })).status, 409, "bob's name is not given out again")
  t.equal((await call('GET', `/messages?to=${alice}`)).body.messages.length, 1, 'his message stays with alice')
})

t.test('bad input through the gateway is a 4xx JSON error of the right service', async (t) => {
  const cases: [string, string, unknown, number, string][] = [
    ['POST', '/users', { username: 'x y', email: 'x@example.com', password: PASSWORD }, 400, 'FST_ERR_VALIDATION'],
    ['GET', '/users/nobody-here', undefined, 404, 'USERS_NOT_FOUND'],
    ['POST', '/messages', { from: alice, to: bob }, 400, 'FST_ERR_VALIDATION'],
    ['GET', '/messages', undefined, 400, 'MESSAGES_MAILBOX_REQUIRED'],
    ['GET', '/messages/0b6f1c2e-3d4a-4f5b-8c6d-7e8f9a0b1c2d', undefined, 404, 'MESSAGES_NOT_FOUND']
  ]
  for (const [method, path, body, status, code] of cases) {
    const res = await call(method, path, body, as[alice])
    t.equal(res.status, status, `${method} ${path}`)
    t.match(res.body, { statusCode: status, code }, `${method} ${path}`)
  }
})

t.test('karma increments spread over both users instances lose none', async (t) => {
  const name = `busy_${tag}`
  t.equal((await call('POST', '/users', { username: name, email: `${name}@example.com`, password: PASSWORD })).status, 201)
  // Ten voters, twenty increments each: within the gateway's per-user write rate.
  const voters = await Promise.all(Array.from({ length: 10 }, (_, i) => signUp(gw, `voter${i}_${tag}`)))
  const replies = await Promise.all(voters.flatMap((v) => Array.from({ length: 20 }, () => call('POST', `/users/${name}/karma/increment`, undefined, v))))
  t.same(replies.filter((r) => r.status !== 200), [], 'every increment answered 200')
  t.same(new Set(replies.map((r) => r.instance)).size, 2, 'both instances served some')
  t.equal((await call('GET', `/users/${name}`)).body.karma, 200)
})

t.test("each service's spec is served through the gateway", async (t) => {
  for (const prefix of ['users', 'messages', 'posts', 'votes']) {
    const spec = await call('GET', `/${prefix}/openapi.json`)
    t.equal(spec.status, 200, prefix)
    t.ok(Object.keys(spec.body.paths).some((p) => p.startsWith(`/${prefix}`)), `${prefix} documents its routes`)
  }
})
