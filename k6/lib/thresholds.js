// Pass/fail bounds. Latency bounds were measured on the reference machine (2 cores, shared with
// other work; see the README's Performance section) and set with headroom, so a run fails on a
// real regression rather than on noise. Scale them with K6_LATENCY_SCALE on a slower machine.
import { number } from './config.js'
import { ROUTES } from '../services/stats/client.js'

const scale = number('K6_LATENCY_SCALE', 1)
const ms = (value) => Math.round(value * scale)

/** No failed request and every check held: smoke and negative. */
export const STRICT = {
  http_req_failed: ['rate==0'],
  checks: ['rate==1']
}

/** p95/p99 bounds (ms) per stats route under the 100-user load. */
const LOAD_LATENCY = {
  [ROUTES.createUser]: [100, 250],
  [ROUTES.findUser]: [60, 150],
  [ROUTES.postGame]: [100, 250],
  [ROUTES.getGame]: [60, 150],
  [ROUTES.getStats]: [60, 150],
  [ROUTES.wins]: [60, 150],
  [ROUTES.streaks]: [60, 150]
}

export function loadThresholds() {
  const t = {
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
    http_req_duration: [`p(95)<${ms(100)}`, `p(99)<${ms(250)}`]
  }
  for (const [route, [p95, p99]] of Object.entries(LOAD_LATENCY)) {
    t[`http_req_duration{name:${route}}`] = [`p(95)<${ms(p95)}`, `p(99)<${ms(p99)}`]
  }
  return t
}

/** Smoke runs a handful of requests: the bound only catches something badly wrong. */
export const SMOKE = { ...STRICT, http_req_duration: [`p(95)<${ms(500)}`] }
