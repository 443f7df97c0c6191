// Runs a table of bogus requests: each must be refused with its 4xx and the JSON error shape.
// The requests count as "expected" only when 4xx, so a 5xx also shows in http_req_failed.
// Every request of the negative suite is counted (hostile_requests), and so is every 5xx among
// them (hostile_5xx, which the negative script holds at 0): the summary ends with both.
import { Counter } from 'k6/metrics'
import { request, CLIENT_ERROR } from './http.js'
import { expectClientError, expectJson } from './checks.js'

const hostileRequests = new Counter('hostile_requests')
const hostile5xx = new Counter('hostile_5xx')

/** Counts responses of the negative suite (one or a list); a 5xx is also counted apart. */
export function countHostile (responses) {
  for (const res of Array.isArray(responses) ? responses : [responses]) {
    hostileRequests.add(1)
    hostile5xx.add(res.status >= 500 ? 1 : 0)
  }
  return responses
}

const routeName = (c) => `negative ${c.method} ${c.path.split('?')[0].split('/').slice(0, 3).join('/')}`

/** cases: [{label, method, path, body, status (number or list), code?, headers?, compression?, as? (who the write acts as; null: no token)}] */
export function runCases (cases) {
  for (const c of cases) {
    const res = countHostile(request(c.method, c.path, c.body, {
      name: routeName(c),
      expect: CLIENT_ERROR,
      headers: c.headers,
      compression: c.compression,
      as: c.as
    }))
    expectClientError(res, c.label, c.status, c.code)
  }
}

/**
 * Requests that look hostile but are valid and must succeed (a text of 10,000 emoji, a gzip
 * body): [{label, method, path, body, status, body checks?, headers?, compression?}]. Answers
 * the responses, for the caller to clean up after.
 */
export function runValid (cases) {
  return cases.map((c) => {
    const res = countHostile(request(c.method, c.path, c.body, { name: routeName(c), headers: c.headers, compression: c.compression }))
    expectJson(res, c.label, c.status, c.checks)
    return res
  })
}
