// The real user scenario for load and stress: a daily Wordle player. Each iteration is one day:
// play today's game, look at your statistics, now and then check the leaderboards or an old game.
// After a while the VU becomes a new player, so registration stays part of the mix.
import exec from 'k6/execution'
import { uniqueName, Player } from '../../lib/data.js'
import { createUser, findUser, postGame, getGame, getStats, leaderboard } from './client.js'

const GAMES_PER_PLAYER = 30
let player // one per VU: module state lives in the VU

export function journey() {
  if (!player || player.games.length >= GAMES_PER_PLAYER) {
    const user = createUser(uniqueName('k6load', exec.vu.idInTest))
    if (!user) return
    // Logging in again on another device: look yourself up by name.
    findUser(user.username, user.user_id)
    player = new Player(user)
  }
  const game = player.nextGame()
  if (postGame(game)) player.played(game)
  // The statistics must be exactly those of the games this user played: read-your-writes
  // through the gateway, whichever instance answers.
  getStats(player.user.user_id, player.expectedStats())
  const roll = Math.random()
  if (roll < 0.3) {
    leaderboard('wins')
    leaderboard('streaks')
  } else if (roll < 0.4 && player.posted.length > 0) {
    getGame(player.posted[Math.floor(Math.random() * player.posted.length)])
  }
}
