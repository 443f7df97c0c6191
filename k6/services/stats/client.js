// The stats API as a client uses it: one function per endpoint, each checking the response body
// and returning the parsed result (undefined when the response was not what the API promises).
import { get, post, bodyOf, encode } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// Route names: the tags every stats metric is grouped by.
export const ROUTES = {
  createUser: 'POST /stats/users',
  findUser: 'GET /stats/users?username',
  postGame: 'POST /stats/games',
  getGame: 'GET /stats/users/{id}/games/{game_id}',
  getStats: 'GET /stats/users/{id}',
  wins: 'GET /stats/leaderboards/wins',
  streaks: 'GET /stats/leaderboards/streaks'
}

const isCount = (n) => Number.isInteger(n) && n >= 0

export function createUser (username) {
  const res = post('/stats/users', { username }, { name: ROUTES.createUser })
  const ok = expectJson(res, 'create user', 201, {
    'echoes the username': (b) => b.username === username,
    'user_id is a UUID': (b) => UUID.test(b.user_id),
    'Location names the user': (b, r) => r.headers.Location === `/stats/users/${b.user_id}`
  })
  return ok ? bodyOf(res) : undefined
}

export function findUser (username, expectedId) {
  const res = get(`/stats/users?username=${encode(username)}`, { name: ROUTES.findUser })
  const ok = expectJson(res, 'find user', 200, {
    'finds the same user': (b) => b.username === username && (!expectedId || b.user_id === expectedId)
  })
  return ok ? bodyOf(res) : undefined
}

export function postGame (game) {
  const res = post('/stats/games', game, { name: ROUTES.postGame })
  const ok = expectJson(res, 'post game', 201, {
    'echoes the game': (b) =>
      b.user_id === game.user_id && b.game_id === game.game_id && b.guesses === game.guesses && b.won === game.won,
    'Location names the game': (_, r) =>
      r.headers.Location === `/stats/users/${game.user_id}/games/${game.game_id}`
  })
  return ok ? bodyOf(res) : undefined
}

export function getGame (game) {
  const res = get(`/stats/users/${game.user_id}/games/${game.game_id}`, { name: ROUTES.getGame })
  const ok = expectJson(res, 'get game', 200, {
    'is the game posted': (b) =>
      b.user_id === game.user_id && b.game_id === game.game_id && b.guesses === game.guesses && b.won === game.won
  })
  return ok ? bodyOf(res) : undefined
}

/** A user's statistics; with `expected` (from Player.expectedStats) every field must match. */
export function getStats (userId, expected) {
  const res = get(`/stats/users/${userId}`, { name: ROUTES.getStats })
  const checks = { 'has the stats fields': isStatsBody }
  if (expected) checks['matches the games played'] = (b) => sameStats(b, expected)
  const ok = expectJson(res, 'get stats', 200, checks)
  return ok ? bodyOf(res) : undefined
}

/** kind: 'wins' or 'streaks'. Checks shape, size and order (best first). */
export function leaderboard (kind, limit) {
  const field = kind === 'wins' ? 'wins' : 'streak'
  const query = limit === undefined ? '' : `?limit=${limit}`
  const res = get(`/stats/leaderboards/${kind}${query}`, { name: ROUTES[kind] })
  const max = limit === undefined ? 10 : limit
  const ok = expectJson(res, `${kind} leaderboard`, 200, {
    [`at most ${max} entries`]: (b) => Array.isArray(b) && b.length <= max,
    'entries are users with a count': (b) =>
      b.every((e) => UUID.test(e.user_id) && typeof e.username === 'string' && isCount(e[field])),
    'best first': (b) => b.every((e, i) => i === 0 || b[i - 1][field] >= e[field])
  })
  return ok ? bodyOf(res) : undefined
}

function isStatsBody (b) {
  const keys = ['currentStreak', 'maxStreak', 'winPercentage', 'gamesPlayed', 'gamesWon', 'averageGuesses']
  const buckets = ['1', '2', '3', '4', '5', '6', 'fail']
  return (
    keys.every((k) => isCount(b[k])) &&
    typeof b.guesses === 'object' &&
    buckets.every((k) => isCount(b.guesses[k])) &&
    b.gamesWon <= b.gamesPlayed &&
    b.currentStreak <= b.maxStreak &&
    b.winPercentage <= 100 &&
    buckets.reduce((sum, k) => sum + b.guesses[k], 0) === b.gamesPlayed
  )
}

export function sameStats (actual, expected) {
  const scalar = ['currentStreak', 'maxStreak', 'winPercentage', 'gamesPlayed', 'gamesWon', 'averageGuesses']
  return (
    scalar.every((k) => actual[k] === expected[k]) &&
    Object.keys(expected.guesses).every((k) => actual.guesses[k] === expected.guesses[k])
  )
}
