// Smoke: a few users, a few seconds, every endpoint of every service once. Nothing may fail.
import { SERVICES } from '../services/index.js'
import { selectedServices } from '../lib/config.js'
import { SMOKE } from '../lib/thresholds.js'

const services = selectedServices(SERVICES)

export const options = {
  scenarios: { smoke: { executor: 'per-vu-iterations', vus: 3, iterations: 1, maxDuration: '30s' } },
  thresholds: SMOKE
}

export default function () {
  for (const service of services) service.smoke()
}
