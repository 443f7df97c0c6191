import { test } from 'tap'
import { MOVIES, startTestCinema, type TestCinema } from '@platform/cinema/testing'

const { creed, martian, spectre } = MOVIES

async function withMovies (t: Parameters<typeof startTestCinema>[0]): Promise<TestCinema> {
  const cinema = await startTestCinema(t)
  for (const movie of [creed, martian, spectre]) t.equal((await cinema.call('POST', '/cinema/movies', movie)).status, 201)
  return cinema
}

const day = (date: string, ...showings: [typeof creed, number][]) => ({ date, showings: showings.map(([m, capacity]) => ({ movie_id: m.movie_id, capacity })) })

test('POST /cinema/showtimes › a day of existing movies is 201 with its Location, read back as YYYYMMDD or ISO', async (t) => {
  const { call } = await withMovies(t)
  const res = await call('POST', '/cinema/showtimes', day('20151201', [creed, 120], [martian, 80]))
  t.equal(res.status, 201)
  const expected = { date: '2015-12-01', showings: [{ movie_id: creed.movie_id, capacity: 120 }, { movie_id: martian.movie_id, capacity: 80 }] }
  t.same(res.body, expected)
  t.equal(res.location, '/cinema/showtimes/2015-12-01')
  t.same((await call('GET', '/cinema/showtimes/20151201')).body, expected, 'the design\'s form')
  t.same((await call('GET', '/cinema/showtimes/2015-12-01')).body, expected, 'ISO')
})

test('POST /cinema/showtimes › a movie the catalogue lacks is a 404 naming it, and nothing is written', async (t) => {
  const { call } = await withMovies(t)
  const ghost = '00000000-0000-4000-8000-000000000001'
  const res = await call('POST', '/cinema/showtimes', { date: '2015-12-02', showings: [{ movie_id: creed.movie_id, capacity: 10 }, { movie_id: ghost, capacity: 10 }] })
  t.equal(res.status, 404)
  t.match(res.body, { code: 'CINEMA_SHOWTIMES_MOVIE_NOT_FOUND', message: `no such movie: ${ghost} (the movies service has no movie of this id)` })
  t.equal((await call('GET', '/cinema/showtimes/2015-12-02')).status, 404)
})

test('POST /cinema/showtimes › the same day twice is a 409; a movie twice in a day, a bad date or field is a 400 naming it', async (t) => {
  const { call } = await withMovies(t)
  t.equal((await call('POST', '/cinema/showtimes', day('2015-11-30', [creed, 10]))).status, 201)
  const again = await call('POST', '/cinema/showtimes', day('20151130', [martian, 10]))
  t.equal(again.status, 409)
  t.equal(again.body.code, 'CINEMA_SHOWTIMES_SHOWTIME_EXISTS')

  const cases: [unknown, RegExp][] = [
    [day('2015-12-03', [creed, 10], [creed, 20]), new RegExp(`body/showings names movie ${creed.movie_id} more than once`)],
    [{ ...day('2015-12-03', [creed, 10]), date: '20151332' }, /body\/date is not a calendar date: "20151332"/],
    [{ ...day('2015-12-03', [creed, 10]), date: '2015/12/03' }, /body\/date must be a show date: YYYYMMDD or YYYY-MM-DD/],
    [day('2015-12-03', [creed, 0]), /body\/showings\/0\/capacity must be >= 1/],
    [day('2015-12-03', [creed, 1001]), /body\/showings\/0\/capacity must be <= 1000/],
    [{ date: '2015-12-03', showings: [] }, /body\/showings must NOT have fewer than 1 items/],
    [{ date: '2015-12-03', showings: [{ movie_id: 'creed', capacity: 1 }] }, /body\/showings\/0\/movie_id must be a UUID/],
    [{ ...day('2015-12-03', [creed, 10]), hall: 2 }, /body\/hall is not an allowed field/]
  ]
  for (const [payload, message] of cases) {
    const res = await call('POST', '/cinema/showtimes', payload)
    t.equal(res.status, 400, JSON.stringify(payload))
    t.match(res.body, { statusCode: 400, message })
  }
  t.equal((await call('GET', '/cinema/showtimes/2015-12-03')).status, 404, 'nothing was written')
})

test('PUT /cinema/showtimes/:date › replaces the day\'s showings, checked like a new day; 404 for a day not on the programme', async (t) => {
  const { call } = await withMovies(t)
  await call('POST', '/cinema/showtimes', day('2015-12-01', [creed, 120], [martian, 80]))
  const res = await call('PUT', '/cinema/showtimes/20151201', { showings: [{ movie_id: spectre.movie_id, capacity: 50 }, { movie_id: creed.movie_id.toUpperCase(), capacity: 100 }] })
  t.equal(res.status, 200)
  const expected = { date: '2015-12-01', showings: [{ movie_id: spectre.movie_id, capacity: 50 }, { movie_id: creed.movie_id, capacity: 100 }] }
  t.same(res.body, expected)
  t.same((await call('GET', '/cinema/showtimes/2015-12-01')).body, expected)

  const ghost = await call('PUT', '/cinema/showtimes/2015-12-01', { showings: [{ movie_id: '00000000-0000-4000-8000-000000000002', capacity: 5 }] })
  t.equal(ghost.status, 404)
  t.equal(ghost.body.code, 'CINEMA_SHOWTIMES_MOVIE_NOT_FOUND')
  t.same((await call('GET', '/cinema/showtimes/2015-12-01')).body, expected, 'unchanged by the refused change')
  const unknown = await call('PUT', '/cinema/showtimes/2015-12-09', { showings: [{ movie_id: creed.movie_id, capacity: 5 }] })
  t.equal(unknown.status, 404)
  t.match(unknown.body, { code: 'CINEMA_SHOWTIMES_SHOWTIME_NOT_FOUND', message: 'no showtimes on 2015-12-09' })
})

test('GET /cinema/showtimes › days in calendar order, paged with after=', async (t) => {
  const { call } = await withMovies(t)
  for (const date of ['20151203', '20151130', '20151202', '20151201']) await call('POST', '/cinema/showtimes', day(date, [creed, 10]))
  const first = (await call('GET', '/cinema/showtimes?limit=3')).body
  t.same(first.showtimes.map((s: { date: string }) => s.date), ['2015-11-30', '2015-12-01', '2015-12-02'])
  t.same(first.showtimes[0].showings, [{ movie_id: creed.movie_id, capacity: 10 }])
  t.equal(first.next, '2015-12-02')
  const second = (await call('GET', `/cinema/showtimes?limit=3&after=${first.next}`)).body
  t.same(second, { showtimes: [{ date: '2015-12-03', showings: [{ movie_id: creed.movie_id, capacity: 10 }] }], next: null })
  t.same((await call('GET', '/cinema/showtimes?after=20151202')).body.showtimes.map((s: { date: string }) => s.date), ['2015-12-03'], 'after= in the design\'s form')
  t.equal((await call('GET', '/cinema/showtimes?after=20151232')).body.code, 'CINEMA_SHOWTIMES_BAD_DATE')
  t.equal((await call('GET', '/cinema/showtimes?limit=0')).status, 400)
  t.equal((await call('GET', '/cinema/showtimes?from=2015-12-01')).status, 400)
})

test('DELETE /cinema/showtimes/:date › answers the day as it was; then it is gone', async (t) => {
  const { call } = await withMovies(t)
  await call('POST', '/cinema/showtimes', day('2015-12-01', [creed, 10]))
  const res = await call('DELETE', '/cinema/showtimes/20151201')
  t.equal(res.status, 200)
  t.same(res.body, { date: '2015-12-01', showings: [{ movie_id: creed.movie_id, capacity: 10 }] })
  t.equal((await call('GET', '/cinema/showtimes/2015-12-01')).status, 404)
  t.equal((await call('DELETE', '/cinema/showtimes/2015-12-01')).status, 404)
})

test('POST /cinema/showtimes › when the movies service is down the answer is a 503, never a 500, and nothing is written', async (t) => {
  const cinema = await withMovies(t)
  cinema.gateway.unmount(cinema.movies)
  const res = await cinema.call('POST', '/cinema/showtimes', day('2015-12-01', [creed, 10]))
  t.equal(res.status, 503)
  t.match(res.body, { code: 'CINEMA_SHOWTIMES_UPSTREAM_UNAVAILABLE', message: /did not answer/ })
  t.equal((await cinema.call('GET', '/cinema/showtimes/2015-12-01')).status, 404)
})
