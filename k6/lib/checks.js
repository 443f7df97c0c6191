// Checks that read bodies, not only status codes. Each returns true when everything held, so a
// journey can stop early instead of building on a response that was wrong.
import { check } from 'k6'
import { bodyOf, isJson } from './http.js'

/**
 * `status` exactly, a JSON body, and every predicate in `body` (name -> fn(parsedBody, res)).
 * Predicates never see an unparsed body: a non-JSON reply fails the "JSON body" check instead.
 */
export function expectJson (res, label, status, body = {}) {
  const parsed = bodyOf(res)
  const checks = {
    [`${label}: status ${status}`]: (r) => r.status === status,
    [`${label}: JSON body`]: (r) => isJson(r) && parsed !== undefined
  }
  for (const [name, fn] of Object.entries(body)) {
    checks[`${label}: ${name}`] = (r) => parsed !== undefined && safe(() => fn(parsed, r))
  }
  return check(res, checks)
}

/**
 * A refusal as the platform promises it: the expected 4xx (one status or a list), never a 5xx,
 * and the JSON error shape {statusCode, error, message, code} with statusCode equal to the
 * HTTP status. `code` (optional) pins the machine-readable error code.
 */
export function expectClientError (res, label, status, code) {
  const allowed = Array.isArray(status) ? status : [status]
  const parsed = bodyOf(res)
  const checks = {
    [`${label}: ${allowed.join('/')}`]: (r) => allowed.includes(r.status),
    [`${label}: JSON error shape`]: (r) =>
      isJson(r) &&
      parsed !== undefined &&
      parsed.statusCode === r.status &&
      typeof parsed.error === 'string' &&
      typeof parsed.message === 'string' &&
      parsed.message.length > 0 &&
      typeof parsed.code === 'string'
  }
  if (code) checks[`${label}: code ${code}`] = () => parsed !== undefined && parsed.code === code
  return check(res, checks)
}

function safe (fn) {
  try {
    return fn() === true
  } catch {
    return false
  }
}
