import { join } from 'node:path'
import { test } from 'tap'
import { startServiceProcess } from '@platform/stack/testing'
import { buildTestApp, POST_A, tally } from './helper.js'

interface Answer {
  status: number
  body: { vote?: string; previous?: string | null; code?: string }
}

test('many parallel injected votes on one post: none lost, each repeat refused', async (t) => {
  const app = await buildTestApp(t)
  const requests = []
  for (let i = 0; i < 150; i++) {
    // Every user votes twice at once: one is counted, the other is a 409.
    for (let k = 0; k < 2; k++) requests.push(app.inject({ method: 'POST', url: `/votes/${POST_A}/${i % 3 ? 'up' : 'down'}votes`, payload: { username: `user_${i}` } }))
  }
  const answers = await Promise.all(requests)
  t.equal(answers.filter((r) => r.statusCode === 201).length, 150)
  t.equal(answers.filter((r) => r.statusCode === 409).length, 150)
  t.same(await tally(app, POST_A), { post_id: POST_A, upvotes: 100, downvotes: 50, score: 50 })
})

test('two server processes on one database file under parallel votes lose no vote', async (t) => {
  const dir = t.testdir({})
  const env = { DATABASE_FILE: join(dir, 'votes.db') }
  const [one, two] = await Promise.all([
    startServiceProcess('apps/votes/src/server.ts', env),
    startServiceProcess('apps/votes/src/server.ts', env)
  ])
  t.teardown(() => Promise.all([one.stop(), two.stop()]))

  const send = async (base: string, direction: 'up' | 'down', username: string): Promise<Answer & { instance: string | null }> => {
    const res = await fetch(`${base}/votes/${POST_A}/${direction}votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, community: 'wordle' })
    })
    return { status: res.status, body: (await res.json()) as Answer['body'], instance: res.headers.get('x-instance') }
  }

  // 200 users send the same upvote to both instances at once; 100 more send an upvote to one
  // and a downvote to the other at once. All 500 requests are in flight together.
  const same = Array.from({ length: 200 }, (_, i) => [send(one.url, 'up', `same_${i}`), send(two.url, 'up', `same_${i}`)])
  const flip = Array.from({ length: 100 }, (_, i) => [send(one.url, 'up', `flip_${i}`), send(two.url, 'down', `flip_${i}`)])
  const sameAnswers = await Promise.all(same.map((pair) => Promise.all(pair)))
  const flipAnswers = await Promise.all(flip.map((pair) => Promise.all(pair)))

  const all = [...sameAnswers, ...flipAnswers].flat()
  t.same([...new Set(all.map((a) => a.status))].sort(), [201, 409], 'only 201s and 409s, never a 5xx')
  t.equal(new Set(all.map((a) => a.instance)).size, 2, 'both instances answered')
  for (const [i, pair] of sameAnswers.entries()) {
    const statuses = pair.map((a) => a.status).sort()
    if (statuses[0] !== 201 || statuses[1] !== 409) t.fail(`same_${i}: ${statuses}`)
  }
  // Of each flip pair both count; the one that replaced the other is the user's final vote.
  let finalUps = 0
  for (const [i, pair] of flipAnswers.entries()) {
    if (pair.some((a) => a.status !== 201)) t.fail(`flip_${i}: ${pair.map((a) => a.status)}`)
    const later = pair.filter((a) => a.body.previous !== null)
    if (later.length !== 1) t.fail(`flip_${i}: exactly one vote replaced the other, got ${later.length}`)
    if (later[0]?.body.vote === 'up') finalUps++
  }

  const expected = { post_id: POST_A, upvotes: 200 + finalUps, downvotes: 100 - finalUps, score: 200 + finalUps - (100 - finalUps) }
  for (const instance of [one, two]) {
    const res = await fetch(`${instance.url}/votes/${POST_A}`)
    t.same(await res.json(), expected, 'the tally counts every vote, seen from either instance')
  }
  const top = (await (await fetch(`${one.url}/votes/top?community=wordle`)).json()) as unknown[]
  t.same(top, [{ ...expected, community: 'wordle' }])

  t.equal(await one.stop(), 0, one.output())
  t.equal(await two.stop(), 0, two.output())
})
