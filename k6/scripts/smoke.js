// Smoke: a few users, a few seconds, every endpoint of every service once, and the docs of each.
// Nothing may fail.
import { sleep } from 'k6'
import { SERVICES } from '../services/index.js'
import { docsSmoke } from '../services/docs.js'
import { selectedServices } from '../lib/config.js'
import { SMOKE } from '../lib/thresholds.js'

const services = selectedServices(SERVICES)

export const options = {
  scenarios: { smoke: { executor: 'per-vu-iterations', vus: 3, iterations: 1, maxDuration: '30s' } },
  thresholds: SMOKE
}

export default function () {
  docsSmoke(services.map((s) => s.name))
  for (const service of services) service.smoke()
  // A user's pause; it also keeps the run past two dashboard snapshots, or k6 writes no HTML report.
  sleep(1)
}
