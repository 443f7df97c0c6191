// Writes through the gateway carry a bearer token, and act as the token's user. The suite signs
// in as whoever a write names (the body's `username` or `from`, or a name in its path), signing
// the account up first if it does not exist yet, and keeps each token for the rest of the VU's
// run. A write that names nobody acts as the VU's own account. Every account the suite makes has
// the same password, so any VU (and setup()) can sign in as any of them.
import http from 'k6/http'
import { sleep } from 'k6'
import exec from 'k6/execution'
import { BASE_URL } from './config.js'
import { uniqueName } from './data.js'

export const PASSWORD = 'k6-plum-cobalt-harbour-42'
const USERNAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,64}$/
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' }
const tags = (name) => ({ name, api: 'users' })

const tokens = {}
let own

/** Signs `username` up (a 409 when it exists already is fine) and in: its token, or undefined. */
function signIn (username) {
  http.post(`${BASE_URL}/users`, JSON.stringify({ username, email: `${username}@k6.example.com`, password: PASSWORD }), {
    headers: JSON_HEADERS, tags: tags('POST /users (k6 sign-up)'), responseCallback: http.expectedStatuses(201, 409)
  })
  const res = http.post(`${BASE_URL}/users/sessions`, JSON.stringify({ username, password: PASSWORD }), {
    headers: JSON_HEADERS, tags: tags('POST /users/sessions (k6 sign-in)'), responseCallback: http.expectedStatuses(201, 401, 429)
  })
  return res.status === 201 ? JSON.parse(res.body).token : undefined
}

/** The token of `username` (cached), or undefined when it cannot be an account of ours. */
export function tokenOf (username) {
  if (typeof username !== 'string' || !USERNAME.test(username)) return undefined
  if (!(username in tokens)) tokens[username] = signIn(username)
  return tokens[username]
}

/**
 * Signs many accounts up and in at once (k6 batches): before a race of many users, so the race
 * itself is not slowed by each racer's first sign-in.
 */
export function signInAll (usernames) {
  const fresh = usernames.filter((u) => !(u in tokens) && USERNAME.test(u))
  const post = (path, body, name, statuses) => ({
    method: 'POST',
    url: `${BASE_URL}${path}`,
    body: JSON.stringify(body),
    params: { headers: JSON_HEADERS, tags: tags(name), responseCallback: http.expectedStatuses(...statuses) }
  })
  http.batch(fresh.map((username) => post('/users', { username, email: `${username}@k6.example.com`, password: PASSWORD }, 'POST /users (k6 sign-up)', [201, 409])))
  const sessions = http.batch(fresh.map((username) => post('/users/sessions', { username, password: PASSWORD }, 'POST /users/sessions (k6 sign-in)', [201])))
  fresh.forEach((username, i) => {
    tokens[username] = sessions[i].status === 201 ? JSON.parse(sessions[i].body).token : undefined
  })
  // A batch of sign-ins is a burst of scrypt hashes that keeps every core busy for seconds; the
  // accounts service's load shedding may still count the next second as overloaded and refuse
  // the gateway's token checks. The race after this is about the writes: let the burst settle.
  if (fresh.length > 0) sleep(2)
}

/** The VU's own account: the one writes that name nobody act as. */
export function ownAccount () {
  if (!own) {
    const username = uniqueName('k6vu', exec.vu.idInTest)
    own = { username, token: tokenOf(username) }
  }
  return own
}

// Writes the gateway lets through without a token (the stats service, signing up and in, sorting).
const OPEN = [/^\/stats(\/|$)/, /^POST \/users(\/sessions)?$/, /^POST \/votes\/sort$/]

// A name a write's path acts on: an account's own routes, a like's liker, a booking's owner.
const NAMED_IN_PATH = [/^\/users\/([^/?]+)(?:\/(?!karma)|$)/, /^\/likes\/posts\/[^/]+\/likers\/([^/?]+)/, /^\/cinema\/bookings\/([^/?]+)\/[^/?]+/]

// The path first: an account's own route acts as that account whatever its body says.
function actingName (method, path, body) {
  for (const re of NAMED_IN_PATH) {
    const m = re.exec(path)
    if (m) return decodeURIComponent(m[1])
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    if (typeof body.username === 'string') return body.username
    if (typeof body.from === 'string') return body.from
    if (typeof body.created_by === 'string') return body.created_by
  }
  return undefined
}

/**
 * The Authorization header a request carries. Reads carry none. `as`: a username to act as, or
 * null for no token at all (the negative suite's "no token" cases); by default the name the
 * write carries, else the VU's own account. A name that cannot be an account (a malformed one a
 * negative case sends) acts as the VU's own account, so the service, not the gateway, refuses it.
 */
export function authorization (method, path, body, as) {
  if (method === 'GET' || method === 'HEAD' || as === null) return {}
  const bare = path.split('?')[0]
  if (OPEN.some((re) => re.test(bare) || re.test(`${method} ${bare}`))) return {}
  let parsed = body
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body)
    } catch {
      parsed = undefined
    }
  }
  const token = tokenOf(as ?? actingName(method, bare, parsed)) ?? ownAccount().token
  return token ? { Authorization: `Bearer ${token}` } : {}
}
