import { test } from 'tap'
import { buildTestApp, createPoll, UNKNOWN_POLL, vote } from '../helper.js'

test('POST /polls/:poll_id/votes › 201 with the vote and its Location; the results count it', async (t) => {
  const app = await buildTestApp(t)
  const poll = await createPoll(app)
  const res = await vote(app, poll.poll_id, 'bob', 'SLATE')
  t.equal(res.statusCode, 201)
  t.match(res.json(), { poll_id: poll.poll_id, username: 'bob', choice: 'SLATE' })
  t.equal(res.headers.location, `/polls/${poll.poll_id}/votes/bob`)
  const read = await app.inject({ method: 'GET', url: res.headers.location as string })
  t.same(read.json(), res.json())
  await vote(app, poll.poll_id, 'carol', 'SLATE')
  await vote(app, poll.poll_id, 'dave', 'ADIEU')
  const results = await app.inject({ method: 'GET', url: `/polls/${poll.poll_id}/results` })
  t.equal(results.statusCode, 200)
  t.same(results.json(), {
    poll_id: poll.poll_id,
    total: 3,
    results: [{ choice: 'CRANE', votes: 0 }, { choice: 'SLATE', votes: 2 }, { choice: 'ADIEU', votes: 1 }]
  })
})

test('GET /polls/:poll_id/results › zeros in the poll\'s order before any vote; 404 for an unknown poll', async (t) => {
  const app = await buildTestApp(t)
  const poll = await createPoll(app, { responses: ['zebra', 'apple'] })
  t.same((await app.inject({ method: 'GET', url: `/polls/${poll.poll_id}/results` })).json(), {
    poll_id: poll.poll_id, total: 0, results: [{ choice: 'zebra', votes: 0 }, { choice: 'apple', votes: 0 }]
  })
  const res = await app.inject({ method: 'GET', url: `/polls/${UNKNOWN_POLL}/results` })
  t.equal(res.statusCode, 404)
  t.equal(res.json().code, 'POLLS_POLL_NOT_FOUND')
})

test('POST /polls/:poll_id/votes › a second vote by the same user is a 409 and changes nothing', async (t) => {
  const app = await buildTestApp(t)
  const poll = await createPoll(app)
  t.equal((await vote(app, poll.poll_id, 'bob', 'CRANE')).statusCode, 201)
  for (const choice of ['CRANE', 'ADIEU']) {
    const again = await vote(app, poll.poll_id, 'bob', choice)
    t.equal(again.statusCode, 409, choice)
    t.equal(again.json().code, 'POLLS_ALREADY_VOTED')
  }
  t.equal((await app.inject({ method: 'GET', url: `/polls/${poll.poll_id}/votes/bob` })).json().choice, 'CRANE')
  t.equal((await app.inject({ method: 'GET', url: `/polls/${poll.poll_id}/results` })).json().total, 1)
  const other = await createPoll(app)
  t.equal((await vote(app, other.poll_id, 'bob', 'ADIEU')).statusCode, 201, 'one vote per poll, not one in all')
})

test('POST /polls/:poll_id/votes › 400 for a choice that is not a response, 404 for an unknown poll', async (t) => {
  const app = await buildTestApp(t)
  const poll = await createPoll(app)
  for (const choice of ['crane', 'CRANE ', 'TRACE']) {
    const res = await vote(app, poll.poll_id, 'bob', choice)
    t.equal(res.statusCode, 400, JSON.stringify(choice))
    t.match(res.json(), { code: 'POLLS_UNKNOWN_CHOICE', message: /body\/choice must be one of the poll's responses: \["CRANE","SLATE","ADIEU"\]/ })
  }
  const unknown = await vote(app, UNKNOWN_POLL, 'bob', 'CRANE')
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().code, 'POLLS_POLL_NOT_FOUND')
  t.equal((await app.inject({ method: 'GET', url: `/polls/${poll.poll_id}/results` })).json().total, 0, 'nothing counted')
  t.equal((await vote(app, poll.poll_id, 'bob', 'CRANE')).statusCode, 201, 'the refused attempts did not use up the vote')
})

test('POST /polls/:poll_id/votes › bad bodies are 400s naming the field; another user is a 403', async (t) => {
  const app = await buildTestApp(t)
  const poll = await createPoll(app)
  const url = `/polls/${poll.poll_id}/votes`
  const cases: [unknown, RegExp][] = [
    [{ choice: 'CRANE' }, /body\/username is required/],
    [{ username: 'bob' }, /body\/choice is required/],
    [{ username: 'bob', choice: 1 }, /body\/choice must be string/],
    [{ username: 'bob', choice: '' }, /body\/choice/],
    [{ username: '..', choice: 'CRANE' }, /body\/username/],
    [{ username: 'bob', choice: 'CRANE', weight: 2 }, /body\/weight is not an allowed field/]
  ]
  for (const [payload, message] of cases) {
    const res = await app.inject({ method: 'POST', url, payload: payload as object })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.match(res.json(), { message })
  }
  const forbidden = await app.inject({ method: 'POST', url, headers: { 'x-auth-user': 'mallory' }, payload: { username: 'bob', choice: 'CRANE' } })
  t.equal(forbidden.statusCode, 403)
  t.equal(forbidden.json().code, 'POLLS_FORBIDDEN')
  t.equal((await app.inject({ method: 'GET', url: `/polls/${poll.poll_id}/results` })).json().total, 0)
})

test('GET /polls/:poll_id/votes/:username › 404 for a user who has not voted and for an unknown poll', async (t) => {
  const app = await buildTestApp(t)
  const poll = await createPoll(app)
  t.equal((await app.inject({ method: 'GET', url: `/polls/${poll.poll_id}/votes/bob` })).json().code, 'POLLS_VOTE_NOT_FOUND')
  t.equal((await app.inject({ method: 'GET', url: `/polls/${UNKNOWN_POLL}/votes/bob` })).json().code, 'POLLS_POLL_NOT_FOUND')
})
