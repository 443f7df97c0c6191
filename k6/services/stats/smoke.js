// Every stats endpoint once, as one new user would touch them.
import { group } from 'k6'
import { uniqueName, Player } from '../../lib/data.js'
import { createUser, findUser, postGame, getGame, getStats, leaderboard } from './client.js'

export function smoke() {
  group('stats', () => {
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
}

