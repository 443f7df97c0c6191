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
import * as cinemaMovies from './cinema-movies/index.js'
import * as cinemaShowtimes from './cinema-showtimes/index.js'
import * as cinemaUsers from './cinema-users/index.js'
import * as cinemaBookings from './cinema-bookings/index.js'
import * as events from './events/index.js'
import * as notifications from './notifications/index.js'
import * as mailer from './mailer/index.js'
import * as mailbox from './mailbox/index.js'

// A name is the service's path prefix at the gateway without its slash (`/cinema/movies` ->
// `cinema/movies`): the docs smoke reads `/<name>/openapi.json`. K6_SERVICES=cinema/bookings narrows to one.
const modules = {
  stats,
  users,
  posts,
  votes,
  messages,
  likes,
  polls,
  registry,
  'cinema/movies': cinemaMovies,
  'cinema/showtimes': cinemaShowtimes,
  'cinema/users': cinemaUsers,
  'cinema/bookings': cinemaBookings,
  events,
  notifications,
  mailer,
  mailbox
}

export const SERVICES = Object.entries(modules).map(([name, m]) => ({ name, smoke: m.smoke, negative: m.negative, journey: m.journey }))
