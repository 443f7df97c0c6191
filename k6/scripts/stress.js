// Stress: the real user scenario, no think time, arriving at a rising rate in steps (an open
// model: new journeys start on schedule whether or not the system keeps up), up to PEAK journeys
// per second, past what one 2-core machine serves. Each step holds STEP (default 15s) so the
// timeline shows where latency and errors bend. A journey is ~2.7 requests.
import { SERVICES } from '../services/index.js'
import { selectedServices, duration, number } from '../lib/config.js'

const services = selectedServices(SERVICES)
const peak = number('PEAK', 600)
const hold = duration('STEP', '15s')
const levels = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1]

const stages = []
for (const level of levels) {
  const target = Math.max(1, Math.round(peak * level))
  stages.push({ duration: '3s', target }, { duration: hold, target })
}

export const options = {
  scenarios: {
    stress: {
      executor: 'ramping-arrival-rate',
      startRate: 1,
      timeUnit: '1s',
      preAllocatedVUs: 100,
      maxVUs: number('MAX_VUS', 1500),
      stages
    }
  },
  // Past the knee latency is expected to grow without bound; what must not happen is the platform
  // answering wrongly or with errors, so the run fails only on those.
  thresholds: {
    http_req_failed: ['rate<0.05'],
    checks: ['rate>0.95']
  }
}

export default function () {
  for (const service of services) service.journey()
}
