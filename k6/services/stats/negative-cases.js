// Bogus requests to the stats API and the refusal each must get. `victim` is a real user with
// real games (made in setup), so "unknown" and "duplicate" cases hit existing data on purpose.
// A body given as a string is sent as it is (malformed JSON, wrong JSON types).
import { randomToken } from '../../lib/data.js'
import { NON_DECIMAL, badEncodings, nonDecimalLimits, unknownParameters, withLoneSurrogate } from '../../lib/hostile.js'

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000'
const INJECTIONS = [
  "' OR '1'='1",
  "x'); DROP TABLE users;--",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}', // eslint-disable-line no-template-curly-in-string
  '../../etc/passwd',
  '{"$gt": ""}',
  'null\u0000byte'
]

/** Usernames of the right type the API must still refuse (pattern or length). */
const BAD_USERNAMES = ['', 'a'.repeat(65), 'with space', 'ñandú', 'emoji😀', ...INJECTIONS]

function goodGame (victim, overrides = {}) {
  return { user_id: victim.user_id, game_id: 1000 + Math.floor(Math.random() * 1e6), finished: '2024-05-01', guesses: 3, won: true, ...overrides }
}

function without (obj, key) {
  const copy = { ...obj }
  delete copy[key]
  return copy
}

export function userCases (victim) {
  // Names of a valid form that must not exist afterwards (nothing half-written by a refused request).
  const ghost = `k6neg-${randomToken(12)}`
  const cases = [
    { label: 'users: malformed JSON', body: '{"username": "abc"', status: 400 },
    { label: 'users: body is an array', body: '[]', status: 400 },
    { label: 'users: body is a string', body: '"abc"', status: 400 },
    { label: 'users: body is null', body: 'null', status: 400 },
    { label: 'users: empty body', body: '', status: 400 },
    { label: 'users: missing username', body: {}, status: 400 },
    { label: 'users: username is a number', body: { username: 42 }, status: 400 },
    { label: 'users: username is null', body: { username: null }, status: 400 },
    { label: 'users: username is an array', body: { username: ['a'] }, status: 400 },
    { label: 'users: username is an object', body: { username: { $ne: '' } }, status: 400 },
    { label: 'users: unknown field', body: { username: ghost, admin: true }, status: 400, ghost },
    // A registration replayed answers 200; the name in another letter case is taken.
    { label: 'users: name taken in another case', body: { username: victim.username.toUpperCase() }, status: 409, code: 'STATS_USERNAME_TAKEN' },
    { label: 'users: huge body', body: JSON.stringify({ username: 'a'.repeat(1024 * 1024) }), status: 413 },
    { label: 'users: text/plain body', body: JSON.stringify({ username: ghost }), status: [400, 415], headers: { 'Content-Type': 'text/plain' }, ghost },
    { label: 'users: lone surrogate in the name', body: withLoneSurrogate({ username: ghost }, 'username'), status: 400, code: 'FST_ERR_VALIDATION' },
    ...badEncodings('users', 'POST', '/stats/users', { username: ghost }).map((c) => ({ ...c, ghost }))
  ]
  BAD_USERNAMES.forEach((username, i) => cases.push({ label: `users: bad username #${i}`, body: { username }, status: 400 }))
  return cases.map((c) => ({ method: 'POST', path: '/stats/users', ...c }))
}

export function gameCases (victim) {
  const good = goodGame(victim)
  const cases = [
    { label: 'games: malformed JSON', body: '{"user_id": ', status: 400 },
    { label: 'games: body is an array', body: JSON.stringify([good]), status: 400 },
    { label: 'games: unknown user', body: goodGame(victim, { user_id: UNKNOWN_UUID }), status: 404, code: 'STATS_USER_NOT_FOUND' },
    { label: 'games: duplicate game, other result', body: goodGame(victim, { game_id: 1, guesses: 6, won: false }), status: 409, code: 'STATS_GAME_EXISTS' },
    { label: 'games: unknown field', body: { ...good, score: 100 }, status: 400 },
    { label: 'games: huge body', body: JSON.stringify({ ...good, finished: 'x'.repeat(1024 * 1024) }), status: 413 }
  ]
  for (const key of Object.keys(good)) cases.push({ label: `games: missing ${key}`, body: without(good, key), status: 400 })
  const wrong = {
    user_id: ['not-a-uuid', 123, null, `${victim.user_id}' OR '1'='1`, victim.user_id.toUpperCase() + 'x'],
    game_id: ['1', 0, -1, 1.5, 2 ** 53, 1e308, true, null],
    finished: ['yesterday', '2024-13-01', '2024-02-30', '24-05-01', 20240501, '', "2024-05-01'; DROP TABLE games;--", null,
      // offsets no zone has, and years outside 2000..2099 (once a 500, once stored as year 10000)
      '2022-03-14T10:00:00+24:00', '2022-03-14T10:00:00+14:30', '9999-12-31T23:59:59-23:59', '0000-01-01T00:00:00+23:59', '0000-02-29', '1999-12-31'],
    guesses: [0, 7, -1, 3.5, '3', null, 1e9],
    won: ['true', 1, 0, null, 'yes']
  }
  for (const [key, values] of Object.entries(wrong)) {
    values.forEach((value, i) => cases.push({ label: `games: bad ${key} #${i}`, body: { ...good, [key]: value }, status: 400 }))
  }
  return cases.map((c) => ({ method: 'POST', path: '/stats/games', ...c }))
}

export function readCases (victim) {
  const id = victim.user_id
  const cases = [
    { label: 'stats: malformed user id', path: '/stats/users/not-a-uuid', status: 400 },
    { label: 'stats: injection as user id', path: `/stats/users/${encodeURIComponent("1' OR '1'='1")}`, status: 400 },
    { label: 'stats: unknown user', path: `/stats/users/${UNKNOWN_UUID}`, status: 404, code: 'STATS_USER_NOT_FOUND' },
    { label: 'game: unknown game', path: `/stats/users/${id}/games/999999999`, status: 404, code: 'STATS_GAME_NOT_FOUND' },
    { label: 'game: unknown user', path: `/stats/users/${UNKNOWN_UUID}/games/1`, status: 404 },
    { label: 'game: malformed user id', path: '/stats/users/xyz/games/1', status: 400 },
    { label: 'find user: unknown name', path: `/stats/users?username=k6neg-${randomToken(12)}`, status: 404, code: 'STATS_USERNAME_NOT_FOUND' },
    { label: 'find user: missing name', path: '/stats/users', status: 400 },
    { label: 'find user: empty name', path: '/stats/users?username=', status: 400 },
    { label: 'find user: too long name', path: `/stats/users?username=${'a'.repeat(65)}`, status: 400 },
    { label: 'find user: injection', path: `/stats/users?username=${encodeURIComponent("' OR 1=1 --")}`, status: 400 },
    { label: 'unknown route', path: '/stats/nothing-here', status: 404, code: 'STATS_ROUTE_NOT_FOUND' },
    { label: 'unknown leaderboard', path: '/stats/leaderboards/losses', status: 404 },
    { label: 'wrong method', method: 'DELETE', path: `/stats/users/${id}`, status: [404, 405] }
  ]
  for (const gameId of ['abc', '0', '-1', '1.5', '99999999999999999999', ...NON_DECIMAL]) {
    cases.push({ label: `game: bad game id ${gameId}`, path: `/stats/users/${id}/games/${gameId}`, status: 400 })
  }
  for (const kind of ['wins', 'streaks']) {
    for (const limit of ['0', '101', '-1', 'abc', '10.5', '', '1;DROP TABLE games']) {
      cases.push({ label: `${kind}: bad limit "${limit}"`, path: `/stats/leaderboards/${kind}?limit=${encodeURIComponent(limit)}`, status: 400 })
    }
  }
  cases.push(
    ...nonDecimalLimits('leaderboards', ['/stats/leaderboards/wins', '/stats/leaderboards/streaks']),
    ...unknownParameters('stats', [['GET', `/stats/users/${id}`], ['GET', `/stats/users/${id}/games/1`], ['GET', `/stats/users?username=${victim.username}`], ['GET', '/stats/leaderboards/wins']])
  )
  return cases.map((c) => ({ method: 'GET', body: undefined, ...c }))
}
