// The services the suite drives. Adding one: write services/<name>/index.js against its API
// (smoke(), negative.{setup,run}, journey(); see services/users/ for a small one) and list it
// here. Scripts run every listed service unless K6_SERVICES=name,name narrows them.
import * as stats from './stats/index.js'
import * as users from './users/index.js'
import * as posts from './posts/index.js'
import * as votes from './votes/index.js'
import * as messages from './messages/index.js'
import * as likes from './likes/index.js'
import * as polls from './polls/index.js'
import * as registry from './registry/index.js'

const modules = { stats, users, posts, votes, messages, likes, polls, registry }

export const SERVICES = Object.entries(modules).map(([name, m]) => ({ name, smoke: m.smoke, negative: m.negative, journey: m.journey }))
