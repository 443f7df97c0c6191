// Bench: one stats endpoint at a time, closed loop (VUS users, no think time) for DURATION, to
// measure what that endpoint serves: ENDPOINT = stats | wins | streaks | games.
// For the README's table; not a pass/fail test (its thresholds only expose per-route figures).
import exec from 'k6/execution'
import { duration, number } from '../lib/config.js'
import { uniqueName, Player, pick } from '../lib/data.js'
import { ROUTES, createUser, postGame, getStats, leaderboard } from '../services/stats/client.js'

const endpoint = __ENV.ENDPOINT || 'stats'
const route = { stats: ROUTES.getStats, wins: ROUTES.wins, streaks: ROUTES.streaks, games: ROUTES.postGame }[endpoint]
if (!route) throw new Error(`ENDPOINT must be stats, wins, streaks or games, got ${endpoint}`)

// A sample of the data set's users (USER_IDS_FILE, a JSON array; the perf tool writes it from the
// shards), so reads spread over the whole data set instead of a few hot rows.
const sampled = __ENV.USER_IDS_FILE ? JSON.parse(open(__ENV.USER_IDS_FILE)) : undefined

export const options = {
  scenarios: { bench: { executor: 'constant-vus', vus: number('VUS', 50), duration: duration('DURATION', '30s') } },
  thresholds: {
    // Listed so the summary reports the route's own figures; only errors can fail the run.
    [`http_req_duration{name:${route}}`]: ['max>=0'],
    [`http_reqs{name:${route}}`]: ['count>0'],
    http_req_failed: ['rate<0.01']
  }
}

// Users whose statistics are read: the sample, else the leaders of the data set plus a few of our own.
export function setup () {
  if (endpoint !== 'stats') return { ids: [] }
  if (sampled && sampled.length) return { ids: sampled }
  const ids = new Set()
  for (const kind of ['wins', 'streaks']) for (const e of leaderboard(kind, 100) || []) ids.add(e.user_id)
  for (let i = 0; i < 20; i++) {
    const user = createUser(uniqueName('k6bench'))
    if (user) ids.add(user.user_id)
  }
  return { ids: [...ids] }
}

let player

export default function ({ ids }) {
  if (endpoint === 'stats') getStats(pick(ids))
  else if (endpoint === 'wins') leaderboard('wins')
  else if (endpoint === 'streaks') leaderboard('streaks')
  else {
    if (!player) {
      const user = createUser(uniqueName('k6bench', exec.vu.idInTest))
      if (!user) return
      player = new Player(user)
    }
    const game = player.nextGame()
    if (postGame(game)) player.played(game)
  }
}
