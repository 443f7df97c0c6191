// The services the suite drives. Adding one: write services/<name>/ against its API (see
// services/users/index.js for the shape: smoke(), negative.{setup,run}, journey()) and list it
// here. Scripts run every listed service unless K6_SERVICES=name,name narrows them.
import * as statsSmoke from './stats/smoke.js'
import * as statsNegative from './stats/negative.js'
import * as statsJourney from './stats/journey.js'
import * as users from './users/index.js'
import * as posts from './posts/index.js'
import * as votes from './votes/index.js'
import * as messages from './messages/index.js'

export const SERVICES = [
  {
    name: 'stats',
    smoke: statsSmoke.smoke,
    negative: { setup: statsNegative.setup, run: statsNegative.run },
    journey: statsJourney.journey
  },
  { name: 'users', smoke: users.smoke, negative: users.negative, journey: users.journey },
  { name: 'posts', smoke: posts.smoke, negative: posts.negative, journey: posts.journey },
  { name: 'votes', smoke: votes.smoke, negative: votes.negative, journey: votes.journey },
  { name: 'messages', smoke: messages.smoke, negative: messages.negative, journey: messages.journey }
]
