import { join } from 'node:path'
import { test } from 'tap'
import { countBy, startServiceProcess } from '@platform/stack/testing'
import { bookableCinema, DAY, martian, seatsOf } from './cinema.js'
import type { TestCinema } from '@platform/cinema/testing'

/** 200 users who exist, for 200 bookings at once. */
async function crowd (cinema: TestCinema, n: number): Promise<string[]> {
  const names = Array.from({ length: n }, (_, i) => `fan_${i}`)
  for (const username of names) await cinema.users.inject({ method: 'POST', url: '/cinema/users', payload: { username, name: 'A Fan' } })
  return names
}

test('200 parallel bookings of the last 10 seats: exactly 10 succeed, the others are sold out, the count never goes past capacity', async (t) => {
  const cinema = await bookableCinema(t)
  await cinema.call('PUT', `/cinema/showtimes/${DAY}`, { showings: [{ movie_id: martian.movie_id, capacity: 15 }] })
  t.equal((await cinema.call('POST', '/cinema/bookings', { username: 'chris', date: DAY, movie_id: martian.movie_id, seats: 5 })).status, 201)
  const names = await crowd(cinema, 200)
  const answers = await Promise.all(names.map((username) =>
    cinema.bookings.inject({ method: 'POST', url: '/cinema/bookings', payload: { username, date: DAY, movie_id: martian.movie_id, seats: 1 } })))
  t.same(countBy(answers, (r) => `${r.statusCode} ${r.json().code ?? ''}`.trim()), { 201: 10, '409 CINEMA_BOOKINGS_SOLD_OUT': 190 }, 'ten bookings, every other one sold out')
  t.same(await seatsOf(cinema, martian.movie_id), { date: DAY, movie_id: martian.movie_id, capacity: 15, booked: 15, available: 0 })
  const all = (await cinema.call('GET', '/cinema/bookings?limit=100')).body.bookings as { seats: number }[]
  t.equal(all.reduce((sum, b) => sum + b.seats, 0), 15, 'the bookings hold exactly the capacity')
})

test('two bookings processes on one database file, 200 bookings at once of the last 10 seats: exactly 10 succeed', async (t) => {
  const cinema = await bookableCinema(t)
  await cinema.call('PUT', `/cinema/showtimes/${DAY}`, { showings: [{ movie_id: martian.movie_id, capacity: 10 }] })
  const names = await crowd(cinema, 200)
  const env = { DATABASE_FILE: join(t.testdir(), 'shared-bookings.db'), GATEWAY_URL: cinema.url, UPSTREAM_TIMEOUT_MS: '30000' }
  // Generous start-up wait: the machine is shared, and a slow start is not what is tested.
  const [one, two] = await Promise.all([
    startServiceProcess('apps/cinema-bookings/src/server.ts', env, 90_000),
    startServiceProcess('apps/cinema-bookings/src/server.ts', env, 90_000)
  ])
  t.teardown(() => Promise.all([one.stop(), two.stop()]))

  const answers = await Promise.all(names.map(async (username, i) => {
    const res = await fetch(`${i % 2 ? one.url : two.url}/cinema/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, date: DAY, movie_id: martian.movie_id, seats: 1 })
    })
    return { status: res.status, body: (await res.json()) as { code?: string }, instance: res.headers.get('x-instance') }
  }))
  t.same([...new Set(answers.map((a) => a.status))].sort(), [201, 409], 'only 201s and 409s, never a 5xx')
  t.equal(answers.filter((a) => a.status === 201).length, 10, 'ten bookings over both processes')
  t.ok(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'CINEMA_BOOKINGS_SOLD_OUT'))
  t.equal(new Set(answers.map((a) => a.instance)).size, 2, 'both processes answered')
  for (const instance of [one, two]) {
    const seats = await (await fetch(`${instance.url}/cinema/bookings/showings/${DAY}/${martian.movie_id}`)).json()
    t.same(seats, { date: DAY, movie_id: martian.movie_id, capacity: 10, booked: 10, available: 0 }, 'seen from either process')
  }
  t.equal(await one.stop(), 0, one.output())
  t.equal(await two.stop(), 0, two.output())
})
