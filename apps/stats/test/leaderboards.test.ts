import { test } from 'tap'
import { newUuid, uuidToBytes } from '@platform/ids'
import { shardOf } from '@platform/shard'
import { buildTestApp, createUser, play, winsOn, type App } from './helper.js'

async function registerOnShard (app: App, username: string, shard: number): Promise<string> {
  for (;;) {
    const { id, bytes } = newUuid()
    if (shardOf(bytes, 3) !== shard) continue
    await app.layout.users.register(bytes, username)
    return id
  }
}

test('leaderboards rank across every shard: count descending, then username ascending', async (t) => {
  const app = await buildTestApp(t)
  // name -> number of consecutive winning days from 2022-01-01
  const plan: Record<string, number> = { zed: 5, amy: 5, bob: 3, cat: 7, dan: 1, eve: 3, fay: 2, gus: 4, hal: 6, ivy: 2, jon: 5, kim: 1 }
  const ids: Record<string, string> = {}
  // Players dealt over the three shards in turn (ids drawn until one maps to the wanted shard),
  // so the merge across shards is always exercised, whatever the random ids.
  for (const [i, [name, days]] of Object.entries(plan).entries()) {
    ids[name] = await registerOnShard(app, name, i % 3)
    const dates = Array.from({ length: days }, (_, i) => `2022-01-${String(i + 1).padStart(2, '0')}`)
    await play(app, ids[name]!, winsOn(dates))
  }
  await createUser(app, 'nobody') // no games: not ranked
  const shards = new Set(Object.values(ids).map((id) => shardOf(uuidToBytes(id), 3)))
  t.equal(shards.size, 3, 'the players are spread over all three shards')

  const expectedOrder = Object.entries(plan)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([name]) => name)

  const wins = await app.inject({ method: 'GET', url: '/stats/leaderboards/wins' })
  t.equal(wins.statusCode, 200)
  t.same(wins.json().map((r: { username: string }) => r.username), expectedOrder.slice(0, 10))
  t.same(wins.json()[0], { user_id: ids.cat, username: 'cat', wins: 7 })

  const streaks = await app.inject({ method: 'GET', url: '/stats/leaderboards/streaks?limit=3' })
  t.equal(streaks.statusCode, 200)
  t.same(streaks.json(), [
    { user_id: ids.cat, username: 'cat', streak: 7 },
    { user_id: ids.hal, username: 'hal', streak: 6 },
    { user_id: ids.amy, username: 'amy', streak: 5 }
  ])

  const all = await app.inject({ method: 'GET', url: '/stats/leaderboards/wins?limit=100' })
  t.equal(all.json().length, 12, 'everyone with a win, and only them')
})

test('wins count games, streaks count days', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'busy')
  await play(app, id, [
    { game_id: 1, finished: '2022-01-01', won: true },
    { game_id: 2, finished: '2022-01-01', won: true },
    { game_id: 3, finished: '2022-01-01', won: true }
  ])
  t.same((await app.inject({ method: 'GET', url: '/stats/leaderboards/wins' })).json(), [{ user_id: id, username: 'busy', wins: 3 }])
  t.same((await app.inject({ method: 'GET', url: '/stats/leaderboards/streaks' })).json(), [{ user_id: id, username: 'busy', streak: 1 }])
})

test('leaderboards validate ?limit=', async (t) => {
  const app = await buildTestApp(t)
  for (const limit of ['0', '101', 'ten', '-1']) {
    const res = await app.inject({ method: 'GET', url: `/stats/leaderboards/wins?limit=${limit}` })
    t.equal(res.statusCode, 400, limit)
    t.match(res.json().message, /querystring\/limit/)
  }
  const empty = await app.inject({ method: 'GET', url: '/stats/leaderboards/streaks' })
  t.same(empty.json(), [], 'empty when nobody played')
})
