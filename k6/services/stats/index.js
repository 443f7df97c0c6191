// Stats service: smoke (every endpoint once), negative (bogus requests, then the victim's data
// read back unchanged), and its part of the user journey (a daily Wordle player).
import { group, sleep } from 'k6'
import exec from 'k6/execution'
import { expectJson } from '../../lib/checks.js'
import { uniqueName, Player } from '../../lib/data.js'
import { get, bodyOf, encode, CLIENT_ERROR } from '../../lib/http.js'
import { runCases } from '../../lib/negative.js'
import { createUser, findUser, postGame, getGame, getStats, leaderboard } from './client.js'
import { userCases, gameCases, readCases } from './negative-cases.js'

export function smoke () {
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

// The stats part of the negative suite: set up a victim with known data, throw every bogus
// request at the API, then read the victim back and check nothing changed and nothing was made.
function negativeSetup () {
  const user = createUser(uniqueName('k6neg'))
  if (!user) throw new Error('negative setup: could not create the victim user')
  const player = new Player(user)
  for (let i = 0; i < 3; i++) {
    const game = player.nextGame()
    if (!postGame(game)) throw new Error('negative setup: could not post a game')
    player.played(game)
  }
  const stats = getStats(user.user_id, player.expectedStats())
  const firstGame = bodyOf(get(`/stats/users/${user.user_id}/games/1`, { name: 'setup' }))
  return { victim: user, stats, firstGame }
}

function negativeRun ({ victim, stats, firstGame }) {
  const users = userCases(victim)
  group('stats: POST /stats/users', () => runCases(users))
  group('stats: POST /stats/games', () => runCases(gameCases(victim)))
  group('stats: reads', () => runCases(readCases(victim)))

  // Writes are synchronous transactions, so nothing should surface later; the pause makes sure of
  // it (and keeps the run past two dashboard snapshots, or k6 writes no HTML report).
  sleep(1)
  group('stats: data unchanged afterwards', () => {
    // Three reads: with three instances behind round robin, each of them answers once.
    for (let i = 0; i < 3; i++) getStats(victim.user_id, stats)
    findUser(victim.username, victim.user_id)
    if (firstGame) getGame(firstGame)
    // Refused creations of valid-looking names left no user behind.
    for (const c of users.filter((x) => x.ghost)) {
      const res = get(`/stats/users?username=${encode(c.ghost)}`, { name: 'GET /stats/users?username', expect: CLIENT_ERROR })
      expectJson(res, `${c.label}: no user was created`, 404)
    }
    leaderboard('wins')
    leaderboard('streaks')
  })
}

export const negative = { setup: negativeSetup, run: negativeRun }

// The real user scenario for load and stress: a daily Wordle player. Each iteration is one day:
// play today's game, look at your statistics, now and then check the leaderboards or an old game.
// After a while the VU becomes a new player, so registration stays part of the mix.
const GAMES_PER_PLAYER = 30
let player // one per VU: module state lives in the VU

export function journey () {
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
