// The four cinema services in one test process, behind one test gateway (kit's
// startTestGateway): each app runs its real routes on a temporary database and reads the others
// through GATEWAY_URL, as in the formation, without starting processes. The apps are imported
// by path, not as package dependencies: the services depend on this package, not the reverse.
import { join } from 'node:path'
import type { Test } from 'tap'
import { callJson, startTestGateway, type JsonReply, type TestGateway } from '@platform/kit/testing'
import { buildApp as buildMovies } from '../../../apps/cinema-movies/src/app.js'
import { loadCinemaMoviesConfig } from '../../../apps/cinema-movies/src/config.js'
import { buildApp as buildShowtimes } from '../../../apps/cinema-showtimes/src/app.js'
import { loadCinemaShowtimesConfig } from '../../../apps/cinema-showtimes/src/config.js'
import { buildApp as buildUsers } from '../../../apps/cinema-users/src/app.js'
import { loadCinemaUsersConfig } from '../../../apps/cinema-users/src/config.js'
import { buildApp as buildBookings } from '../../../apps/cinema-bookings/src/app.js'
import { loadCinemaBookingsConfig } from '../../../apps/cinema-bookings/src/config.js'

export interface TestCinema {
  /** The gateway: every service's prefix, as a client sees the platform. */
  url: string
  gateway: TestGateway
  movies: Awaited<ReturnType<typeof buildMovies>>
  showtimes: Awaited<ReturnType<typeof buildShowtimes>>
  users: Awaited<ReturnType<typeof buildUsers>>
  bookings: Awaited<ReturnType<typeof buildBookings>>
  /** One JSON request through the gateway. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<JsonReply>
}

/** The cinema on fresh temporary databases, closed when the test ends. */
export async function startTestCinema (t: Test): Promise<TestCinema> {
  const gateway = await startTestGateway()
  const dir = t.testdir()
  // One test process serves every service here, so under a crowd of requests an upstream read
  // waits its turn far longer than in a formation: the timeout is for a stuck service, not that.
  // For the same reason no load shedding: the event loop's lag is every app's at once.
  const env = (name: string) => ({ LOG_LEVEL: 'silent', DATABASE_FILE: join(dir, `${name}.db`), GATEWAY_URL: gateway.url, UPSTREAM_TIMEOUT_MS: '30000', SHED_EVENT_LOOP_DELAY_MS: '0' })
  const movies = await buildMovies(loadCinemaMoviesConfig(env('movies')))
  const showtimes = await buildShowtimes(loadCinemaShowtimesConfig(env('showtimes')))
  const users = await buildUsers(loadCinemaUsersConfig(env('users')))
  const bookings = await buildBookings(loadCinemaBookingsConfig(env('bookings')))
  for (const app of [movies, showtimes, users, bookings]) gateway.mount(app)
  t.teardown(async () => {
    await gateway.close()
    await Promise.all([movies.close(), showtimes.close(), users.close(), bookings.close()])
  })

  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => callJson(gateway.url, method, path, body, headers)
  return { url: gateway.url, gateway, movies, showtimes, users, bookings, call }
}

/** The design's catalogue entries the tests use. */
export const MOVIES = {
  creed: { movie_id: '267eedb8-0f5d-42d5-8f43-72426b9fb3e6', title: 'Creed', director: 'Ryan Coogler', rating: 8.8 },
  martian: { movie_id: 'a8034f44-aee4-44cf-b32c-74cf452aaaae', title: 'The Martian', director: 'Ridley Scott', rating: 8.2 },
  spectre: { movie_id: '39ab85e5-5e8e-4dc5-afea-65dc368bd7ab', title: 'Spectre', director: 'Sam Mendes', rating: 7.1 }
}
