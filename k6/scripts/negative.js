// Negative: bogus data of every kind against every service. Each request must get a 4xx JSON
// error (a 5xx fails http_req_failed), and the data must read back unchanged afterwards.
import { SERVICES } from '../services/index.js'
import { selectedServices } from '../lib/config.js'
import { STRICT } from '../lib/thresholds.js'

const services = selectedServices(SERVICES)

export const options = {
  scenarios: { negative: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: '2m' } },
  thresholds: STRICT
}

export function setup () {
  const data = {}
  for (const s of services) data[s.name] = s.negative.setup()
  return data
}

export default function (data) {
  for (const s of services) s.negative.run(data[s.name])
}
