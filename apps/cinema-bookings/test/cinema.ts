import type { Test } from 'tap'
import { MOVIES, startTestCinema, type TestCinema } from '@platform/cinema/testing'

export const { creed, martian, spectre } = MOVIES
export const DAY = '2015-12-01'

/**
 * The cinema with two movies, users chris and peter, and on 2015-12-01 Creed (10 seats) and
 * The Martian (5 seats); Spectre is in the catalogue but not shown that day.
 */
export async function bookableCinema (t: Test): Promise<TestCinema> {
  const cinema = await startTestCinema(t)
  const { call } = cinema
  for (const movie of [creed, martian, spectre]) t.equal((await call('POST', '/cinema/movies', movie)).status, 201)
  for (const [username, name] of [['chris', 'Chris Smith'], ['peter', 'Peter Gibbs']]) {
    t.equal((await call('POST', '/cinema/users', { username, name })).status, 201)
  }
  const showings = [{ movie_id: creed.movie_id, capacity: 10 }, { movie_id: martian.movie_id, capacity: 5 }]
  t.equal((await call('POST', '/cinema/showtimes', { date: DAY, showings })).status, 201)
  return cinema
}

export async function seatsOf (cinema: TestCinema, movieId: string, date = DAY) {
  return (await cinema.call('GET', `/cinema/bookings/showings/${date}/${movieId}`)).body
}
