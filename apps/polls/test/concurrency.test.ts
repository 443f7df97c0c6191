import { join } from 'node:path'
import { test } from 'tap'
import { startServiceProcess } from '@platform/stack/testing'
import { buildTestApp, createPoll, vote } from './helper.js'

const statuses = (answers: { statusCode: number }[]) =>
  answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.statusCode]: (acc[a.statusCode] ?? 0) + 1 }), {})

test('200 parallel votes by different users count 200; 50 parallel votes by one user count one', async (t) => {
  const app = await buildTestApp(t)
  const poll = await createPoll(app)
  const many = await Promise.all(Array.from({ length: 200 }, (_, i) => vote(app, poll.poll_id, `user_${i}`, poll.responses[i % 3]!)))
  t.same(statuses(many), { 201: 200 })
  const one = await Promise.all(Array.from({ length: 50 }, (_, i) => vote(app, poll.poll_id, 'eve', poll.responses[i % 3]!)))
  t.same(statuses(one), { 201: 1, 409: 49 })
  const results = (await app.inject({ method: 'GET', url: `/polls/${poll.poll_id}/results` })).json()
  t.equal(results.total, 201)
  t.same(results.results.map((r: { votes: number }) => r.votes).reduce((a: number, b: number) => a + b), 201, 'the counts add up to the total')
})

test('two polls processes on one database file: one vote per user, none lost', async (t) => {
  const dir = t.testdir({})
  const env = { DATABASE_FILE: join(dir, 'polls.db') }
  const [one, two] = await Promise.all([
    startServiceProcess('apps/polls/src/server.ts', env),
    startServiceProcess('apps/polls/src/server.ts', env)
  ])
  t.teardown(() => Promise.all([one.stop(), two.stop()]))

  const created = await fetch(`${one.url}/polls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Best first word?', username: 'alice', responses: ['CRANE', 'SLATE'] })
  })
  t.equal(created.status, 201)
  const poll = (await created.json()) as { poll_id: string }
  const send = async (base: string, username: string, choice: string) => {
    const res = await fetch(`${base}/polls/${poll.poll_id}/votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, choice })
    })
    await res.arrayBuffer()
    return { statusCode: res.status, instance: res.headers.get('x-instance') }
  }

  // 200 users vote once each, alternating instances; one user sends 50 votes split across both;
  // every request in flight together.
  const [many, eve] = await Promise.all([
    Promise.all(Array.from({ length: 200 }, (_, i) => send(i % 2 ? one.url : two.url, `user_${i}`, i % 4 ? 'CRANE' : 'SLATE'))),
    Promise.all(Array.from({ length: 50 }, (_, i) => send(i % 2 ? one.url : two.url, 'eve', i % 2 ? 'CRANE' : 'SLATE')))
  ])
  t.same(statuses(many), { 201: 200 }, 'every different user counted')
  t.same(statuses(eve), { 201: 1, 409: 49 }, 'one user, one vote')
  t.equal(new Set([...many, ...eve].map((a) => a.instance)).size, 2, 'both instances answered')

  const eveVote = (await (await fetch(`${two.url}/polls/${poll.poll_id}/votes/eve`)).json()) as { choice: string }
  const expected = {
    poll_id: poll.poll_id,
    total: 201,
    results: [
      { choice: 'CRANE', votes: 150 + (eveVote.choice === 'CRANE' ? 1 : 0) },
      { choice: 'SLATE', votes: 50 + (eveVote.choice === 'SLATE' ? 1 : 0) }
    ]
  }
  for (const instance of [one, two]) {
    t.same(await (await fetch(`${instance.url}/polls/${poll.poll_id}/results`)).json(), expected, 'the same results from either instance')
  }
  t.equal(await one.stop(), 0, one.output())
  t.equal(await two.stop(), 0, two.output())
})
