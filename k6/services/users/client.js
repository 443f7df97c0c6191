// The users service (accounts, karma) as a client uses it; each call checks the body it gets.
import { get, post, request, bodyOf, encode } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { PASSWORD } from '../../lib/auth.js'

export const ROUTES = {
  create: 'POST /users',
  get: 'GET /users/{username}',
  update: 'PATCH /users/{username}',
  deactivate: 'DELETE /users/{username}',
  karma: 'POST /users/{username}/karma/{action}'
}

const isAccount = (b) =>
  typeof b.username === 'string' && typeof b.email === 'string' && Number.isInteger(b.karma) &&
  typeof b.active === 'boolean' && !Number.isNaN(Date.parse(b.created_at))

/** `expected`: fields the account must have (username, email, karma, active). */
function sameAs (expected) {
  return (b) => Object.entries(expected).every(([k, v]) => b[k] === v)
}

export function createAccount (username, email) {
  const res = post('/users', { username, email, password: PASSWORD }, { name: ROUTES.create })
  const ok = expectJson(res, 'create account', 201, {
    'is the new account': (b) => isAccount(b) && sameAs({ username, email, karma: 0, active: true })(b),
    'Location names it': (_, r) => r.headers.Location === `/users/${encode(username)}`
  })
  return ok ? bodyOf(res) : undefined
}

export function getAccount (username, expected = { username }) {
  const res = get(`/users/${encode(username)}`, { name: ROUTES.get })
  return expectJson(res, 'get account', 200, { 'is the account': (b) => isAccount(b) && sameAs(expected)(b) })
}

export function updateEmail (username, email) {
  const res = request('PATCH', `/users/${encode(username)}`, { email }, { name: ROUTES.update })
  return expectJson(res, 'update email', 200, { 'has the new email': (b) => b.username === username && b.email === email })
}

export function deactivate (username) {
  const res = request('DELETE', `/users/${encode(username)}`, undefined, { name: ROUTES.deactivate })
  return expectJson(res, 'deactivate account', 200, { 'is inactive': (b) => b.username === username && b.active === false })
}

/** action: increment | decrement; `karma`: the value expected after it (undefined: any). */
export function changeKarma (username, action, karma) {
  const res = post(`/users/${encode(username)}/karma/${action}`, undefined, { name: ROUTES.karma })
  return expectJson(res, `karma ${action}`, 200, {
    'answers the karma': (b) => b.username === username && Number.isInteger(b.karma) && (karma === undefined || b.karma === karma)
  })
}
