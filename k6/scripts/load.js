// Load: 100 virtual users in the real user scenario of every service, with think time between
// days. DURATION sets the steady length (default 1m), VUS the users, THINK the mean pause in s.
// (`pnpm k6:load` maps K6_DURATION and K6_VUS to these: k6 itself would read K6_DURATION and
// K6_VUS as its own options and replace the scenario below with a plain constant-VU one.)
import { sleep } from 'k6'
import { SERVICES } from '../services/index.js'
import { selectedServices, duration, number } from '../lib/config.js'
import { loadThresholds } from '../lib/thresholds.js'

const services = selectedServices(SERVICES)
const think = number('THINK', 1)

export const options = {
  scenarios: {
    users: {
      executor: 'ramping-vus',
      startVUs: 0,
      // A short ramp so the 100 users do not all register in the same millisecond.
      stages: [
        { duration: '5s', target: number('VUS', 100) },
        { duration: duration('DURATION', '1m'), target: number('VUS', 100) }
      ],
      gracefulRampDown: '5s'
    }
  },
  thresholds: loadThresholds(services.map((s) => s.name))
}

export default function () {
  for (const service of services) service.journey()
  if (think > 0) sleep(think * (0.5 + Math.random()))
}
