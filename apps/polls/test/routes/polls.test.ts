import { test } from 'tap'
import { aPoll, buildTestApp, createPoll, UNKNOWN_POLL, UUID_RE } from '../helper.js'

test('POST /polls › answers 201 with the poll and its Location, and GET reads it back', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/polls', payload: aPoll() })
  t.equal(res.statusCode, 201)
  const poll = res.json()
  t.match(poll, { poll_id: UUID_RE, title: 'Best first word?', username: 'alice', responses: ['CRANE', 'SLATE', 'ADIEU'] })
  t.ok(Math.abs(Date.parse(poll.created_at) - Date.now()) < 60_000, 'created_at is now')
  t.equal(res.headers.location, `/polls/${poll.poll_id}`)
  const read = await app.inject({ method: 'GET', url: res.headers.location as string })
  t.equal(read.statusCode, 200)
  t.same(read.json(), poll)
})

test('POST /polls › keeps the responses in the order given, ten at most', async (t) => {
  const app = await buildTestApp(t)
  const responses = Array.from({ length: 10 }, (_, i) => `option ${10 - i}`)
  t.same((await createPoll(app, { responses })).responses, responses)
  t.same((await createPoll(app, { responses: ['yes', 'no'] })).responses, ['yes', 'no'])
})

test('POST /polls › refuses bad polls with a 400 naming the field, and writes nothing', async (t) => {
  const app = await buildTestApp(t)
  const cases: [string, unknown, RegExp][] = [
    ['no title', { ...aPoll(), title: undefined }, /body\/title is required/],
    ['a blank title', aPoll({ title: ' \u200b ' }), /body\/title must be the question/],
    ['a title over 300 characters', aPoll({ title: 'x'.repeat(301) }), /body\/title/],
    ['no responses', { ...aPoll(), responses: undefined }, /body\/responses is required/],
    ['one response', aPoll({ responses: ['yes'] }), /body\/responses must NOT have fewer than 2 items/],
    ['eleven responses', aPoll({ responses: Array.from({ length: 11 }, (_, i) => `r${i}`) }), /body\/responses must NOT have more than 10 items/],
    ['a blank response', aPoll({ responses: ['yes', '\u3164'] }), /body\/responses\/1 must be a response/],
    ['a response that is a number', aPoll({ responses: ['yes', 2] }), /body\/responses\/1 must be string/],
    ['responses as a string', aPoll({ responses: 'yes,no' }), /body\/responses must be array/],
    ['a response over 100 characters', aPoll({ responses: ['yes', 'n'.repeat(101)] }), /body\/responses\/1/],
    ['the same response twice', aPoll({ responses: ['yes', 'no', 'yes'] }), /body\/responses\/2 repeats body\/responses\/0/],
    ['responses differing only by case and spaces', aPoll({ responses: ['Yes', 'no', ' yes '] }), /body\/responses\/2 repeats body\/responses\/0/],
    ['a bad username', aPoll({ username: 'a b' }), /body\/username/],
    ['an unknown field', aPoll({ votes: 5 }), /body\/votes is not an allowed field/]
  ]
  for (const [name, payload, message] of cases) {
    const res = await app.inject({ method: 'POST', url: '/polls', payload: payload as object })
    t.equal(res.statusCode, 400, name)
    t.match(res.json(), { statusCode: 400, message }, name)
  }
  t.same((await app.inject({ method: 'GET', url: '/polls' })).json(), { polls: [], next: null }, 'nothing was written')
})

test('POST /polls › through the gateway, a poll is created as the token user or is a 403', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/polls', headers: { 'x-auth-user': 'mallory' }, payload: aPoll() })
  t.equal(res.statusCode, 403)
  t.equal(res.json().code, 'POLLS_FORBIDDEN')
  const own = await app.inject({ method: 'POST', url: '/polls', headers: { 'x-auth-user': 'Alice' }, payload: aPoll() })
  t.equal(own.statusCode, 201, 'usernames are one identity whatever their case')
})

test('GET /polls/:poll_id › 404 for an unknown poll, 400 for a malformed id', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: `/polls/${UNKNOWN_POLL}` })
  t.equal(res.statusCode, 404)
  t.equal(res.json().code, 'POLLS_POLL_NOT_FOUND')
  t.match((await app.inject({ method: 'GET', url: '/polls/42' })).json(), { statusCode: 400, message: /params\/poll_id/ })
})
