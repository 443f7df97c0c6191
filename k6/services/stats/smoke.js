// Every stats endpoint once, as one new user would touch them.
import { group, sleep } from 'k6'
import { expectJson } from '../../lib/checks.js'
import { get } from '../../lib/http.js'
import { uniqueName, Player } from '../../lib/data.js'
import { createUser, findUser, postGame, getGame, getStats, leaderboard } from './client.js'

export function smoke() {
  group('stats', () => {
    expectJson(get('/stats/openapi.json', { name: 'GET /stats/openapi.json' }), 'stats OpenAPI spec', 200, {
      'is an OpenAPI document': (b) => typeof b.openapi === 'string' && typeof b.paths === 'object'
    })
    const user = createUser(uniqueName('k6smoke'))
    if (!user) return
    findUser(user.username, user.user_id)
    getStats(user.user_id, new Player(user).expectedStats()) // a new user: all zeros
    const player = new Player(user)
    for (let i = 0; i < 3; i++) {
      const game = player.nextGame()
      if (postGame(game)) player.played(game)
    }
    if (player.posted[0]) getGame(player.posted[0])
    getStats(user.user_id, player.expectedStats())
    leaderboard('wins')
    leaderboard('streaks', 5)
  })
  // A user's pause; it also keeps the run past two dashboard snapshots, or k6 writes no HTML report.
  sleep(1)
}

