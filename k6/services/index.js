// The services the suite drives. Adding one: write services/<name>/{smoke,negative,journey}.js
// against its API (see services/stats/ for the shape) and list it here. Scripts run every listed
// service unless K6_SERVICES=name,name narrows them.
import * as statsSmoke from './stats/smoke.js'
import * as statsNegative from './stats/negative.js'
import * as statsJourney from './stats/journey.js'

export const SERVICES = [
  {
    name: 'stats',
    smoke: statsSmoke.smoke,
    negative: { setup: statsNegative.setup, run: statsNegative.run },
    journey: statsJourney.journey
  }
]
