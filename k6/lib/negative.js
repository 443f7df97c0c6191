// Runs a table of bogus requests: each must be refused with its 4xx and the JSON error shape.
// The requests count as "expected" only when 4xx, so a 5xx also shows in http_req_failed.
import { request, CLIENT_ERROR } from './http.js'
import { expectClientError } from './checks.js'

/** cases: [{label, method, path, body, status (number or list), code?, headers?, as? (who the write acts as; null: no token)}] */
export function runCases (cases) {
  for (const c of cases) {
    const res = request(c.method, c.path, c.body, {
      name: `negative ${c.method} ${c.path.split('?')[0].split('/').slice(0, 3).join('/')}`,
      expect: CLIENT_ERROR,
      headers: c.headers,
      as: c.as
    })
    expectClientError(res, c.label, c.status, c.code)
  }
}
