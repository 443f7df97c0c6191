// Negative: bogus data of every kind against every service. Each request must get a 4xx JSON
// error (a 5xx fails http_req_failed), and the data must read back unchanged afterwards.
// Hostile but valid requests (the longest texts, gzip bodies) must succeed, and races (parallel
// votes, karma, sign-ups) must come out exact. The summary ends with hostile_requests (how many
// were tried) and hostile_5xx (how many got a 5xx: must be 0).
import { SERVICES } from '../services/index.js'
import { selectedServices } from '../lib/config.js'
import { STRICT } from '../lib/thresholds.js'

const services = selectedServices(SERVICES)

export const options = {
  scenarios: { negative: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: '3m' } },
  // The races send up to 200 requests at once (http.batch).
  batch: 200,
  batchPerHost: 200,
  thresholds: { ...STRICT, hostile_5xx: ['count==0'], hostile_requests: ['count>0'] }
}

export function setup () {
  const data = {}
  for (const s of services) data[s.name] = s.negative.setup()
  return data
}

export default function (data) {
  for (const s of services) s.negative.run(data[s.name])
}
