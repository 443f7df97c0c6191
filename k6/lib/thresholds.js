// Pass/fail bounds. Latency bounds were measured on the reference machine (2 cores, shared with
// other work; see the README's Performance section) and set with headroom, so a run fails on a
// real regression rather than on noise. Scale them with K6_LATENCY_SCALE on a slower machine.
import { number } from './config.js'
import { ROUTES } from '../services/stats/client.js'

const scale = number('K6_LATENCY_SCALE', 1)
const bound = ([p95, p99]) => [`p(95)<${Math.round(p95 * scale)}`, `p(99)<${Math.round(p99 * scale)}`]

/** No failed request and every check held: smoke and negative. */
export const STRICT = {
  http_req_failed: ['rate==0'],
  checks: ['rate==1']
}

/** Smoke runs a handful of requests: the bound only catches something badly wrong. */
export const SMOKE = { ...STRICT, http_req_duration: [`p(95)<${Math.round(1000 * scale)}`] }

// p95/p99 (ms) under the 100-user load: each stats route (the centre of the platform), each
// other service as a whole, and everything together. Measured (3 stats instances, populated data,
// 2 cores, three runs): quietest p95 10-14 / p99 20-32 per route and service, 12 / 24 overall;
// a half-busy machine p95 15-38 / p99 24-104; a machine busy with other suites p95 up to 157 /
// p99 up to 367. Bounds: about 4x the half-busy figures, so only a loaded machine or a regression
// crosses them.
const ALL = [150, 400]
const STATS_ROUTES = {
  [ROUTES.createUser]: [150, 400],
  [ROUTES.findUser]: [150, 400],
  [ROUTES.postGame]: [150, 400],
  [ROUTES.getGame]: [150, 400],
  [ROUTES.getStats]: [150, 400],
  [ROUTES.wins]: [150, 400],
  [ROUTES.streaks]: [150, 400]
}
const APIS = { users: [150, 400], posts: [150, 400], votes: [150, 400], messages: [150, 400] }

export function loadThresholds (apis) {
  const t = {
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
    http_req_duration: bound(ALL)
  }
  if (apis.includes('stats')) for (const [route, b] of Object.entries(STATS_ROUTES)) t[`http_req_duration{name:${route}}`] = bound(b)
  for (const [api, b] of Object.entries(APIS)) if (apis.includes(api)) t[`http_req_duration{api:${api}}`] = bound(b)
  return t
}
