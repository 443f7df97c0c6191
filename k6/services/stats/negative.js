// The stats part of the negative suite: set up a victim with known data, throw every bogus
// request at the API, then read the victim back and check nothing changed and nothing was made.
import { group, sleep } from 'k6'
import { expectJson } from '../../lib/checks.js'
import { uniqueName, Player } from '../../lib/data.js'
import { get, bodyOf, encode, CLIENT_ERROR } from '../../lib/http.js'
import { runCases } from '../../lib/negative.js'
import { createUser, findUser, postGame, getStats, getGame, leaderboard } from './client.js'
import { userCases, gameCases, readCases } from './negative-cases.js'

export function setup() {
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

export function run({ victim, stats, firstGame }) {
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
