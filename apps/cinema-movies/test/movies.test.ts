import { test } from 'tap'
import { buildTestApp, type TestApp } from './helper.js'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const MARTIAN = { title: 'The Martian', director: 'Ridley Scott', rating: 8.2 }
const add = (app: TestApp, payload: object) => app.inject({ method: 'POST', url: '/cinema/movies', payload })

test('POST /cinema/movies › answers 201 with the movie and its Location, and GET reads it back', async (t) => {
  const app = await buildTestApp(t)
  const res = await add(app, MARTIAN)
  t.equal(res.statusCode, 201)
  const movie = res.json()
  t.match(movie, { movie_id: UUID_RE, ...MARTIAN })
  t.equal(res.headers.location, `/cinema/movies/${movie.movie_id}`)
  t.same((await app.inject({ method: 'GET', url: res.headers.location as string })).json(), movie)
})

test('POST /cinema/movies › keeps a given id (upper case read as lower), and the same id again is a 409', async (t) => {
  const app = await buildTestApp(t)
  const id = 'A8034F44-AEE4-44CF-B32C-74CF452AAAAE'
  const res = await add(app, { movie_id: id, ...MARTIAN })
  t.equal(res.statusCode, 201)
  t.equal(res.json().movie_id, id.toLowerCase())
  const again = await add(app, { movie_id: id.toLowerCase(), title: 'Other', director: 'Someone', rating: 1 })
  t.equal(again.statusCode, 409)
  t.match(again.json(), { code: 'CINEMA_MOVIES_MOVIE_EXISTS', message: `movie ${id.toLowerCase()} exists already` })
  t.equal((await app.inject({ method: 'GET', url: `/cinema/movies/${id}` })).json().title, 'The Martian', 'the first one stays')
})

test('POST /cinema/movies › ratings from 0 to 10 with one decimal are exact', async (t) => {
  const app = await buildTestApp(t)
  for (const rating of [0, 0.1, 0.3, 7.4, 8.2, 9.9, 10]) {
    const res = await add(app, { ...MARTIAN, rating })
    t.equal(res.statusCode, 201, `rating ${rating}`)
    t.equal(res.json().rating, rating)
  }
})

test('POST /cinema/movies › refuses bad input with a 400 naming the field, and writes nothing', async (t) => {
  const app = await buildTestApp(t)
  const cases: [unknown, RegExp][] = [
    [{ director: 'x', rating: 5 }, /body\/title is required/],
    [{ ...MARTIAN, title: ' \u200b' }, /body\/title must be a title/],
    [{ ...MARTIAN, director: '' }, /body\/director/],
    [{ ...MARTIAN, rating: 10.1 }, /body\/rating must be <= 10/],
    [{ ...MARTIAN, rating: -0.1 }, /body\/rating must be >= 0/],
    [{ ...MARTIAN, rating: 7.45 }, /body\/rating must have at most one decimal/],
    [{ ...MARTIAN, rating: '8.2' }, /body\/rating must be number/],
    [{ ...MARTIAN, movie_id: 'nope' }, /body\/movie_id must be a UUID/],
    [{ ...MARTIAN, year: 2015 }, /body\/year is not an allowed field/]
  ]
  for (const [payload, message] of cases) {
    const res = await add(app, payload as object)
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.match(res.json(), { statusCode: 400, message })
  }
  t.same((await app.inject({ method: 'GET', url: '/cinema/movies' })).json(), { movies: [], next: null }, 'nothing was written')
})

test('PATCH /cinema/movies/:movie_id › changes the fields given and keeps the others', async (t) => {
  const app = await buildTestApp(t)
  const movie = (await add(app, MARTIAN)).json()
  const res = await app.inject({ method: 'PATCH', url: `/cinema/movies/${movie.movie_id}`, payload: { rating: 8 } })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { ...movie, rating: 8 })
  const renamed = await app.inject({ method: 'PATCH', url: `/cinema/movies/${movie.movie_id}`, payload: { title: 'The Martian (extended)', director: 'R. Scott' } })
  t.same(renamed.json(), { ...movie, rating: 8, title: 'The Martian (extended)', director: 'R. Scott' })
  t.match((await app.inject({ method: 'PATCH', url: `/cinema/movies/${movie.movie_id}`, payload: {} })).json(), { statusCode: 400, message: /body must NOT have fewer than 1 properties/ })
  t.match((await app.inject({ method: 'PATCH', url: `/cinema/movies/${movie.movie_id}`, payload: { rating: 1.25 } })).json(), { statusCode: 400, code: 'CINEMA_MOVIES_BAD_RATING' })
  const unknown = await app.inject({ method: 'PATCH', url: '/cinema/movies/3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59', payload: { rating: 1 } })
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().code, 'CINEMA_MOVIES_MOVIE_NOT_FOUND')
})

test('GET and DELETE /cinema/movies/:movie_id › 404 for an unknown movie, 400 for a malformed id, 200 with the movie deleted', async (t) => {
  const app = await buildTestApp(t)
  const unknown = '3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59'
  t.match((await app.inject({ method: 'GET', url: `/cinema/movies/${unknown}` })).json(), { statusCode: 404, code: 'CINEMA_MOVIES_MOVIE_NOT_FOUND', message: `movie ${unknown} does not exist` })
  t.equal((await app.inject({ method: 'GET', url: '/cinema/movies/spectre' })).statusCode, 400)
  const movie = (await add(app, MARTIAN)).json()
  const deleted = await app.inject({ method: 'DELETE', url: `/cinema/movies/${movie.movie_id}` })
  t.equal(deleted.statusCode, 200)
  t.same(deleted.json(), movie)
  t.equal((await app.inject({ method: 'DELETE', url: `/cinema/movies/${movie.movie_id}` })).statusCode, 404)
})

test('GET /cinema/movies › pages newest first with a cursor, never repeating or skipping', async (t) => {
  const app = await buildTestApp(t)
  for (let i = 0; i < 5; i++) await add(app, { ...MARTIAN, title: `m${i}` })
  const first = (await app.inject({ method: 'GET', url: '/cinema/movies?limit=3' })).json()
  t.same(first.movies.map((m: { title: string }) => m.title), ['m4', 'm3', 'm2'])
  const second = (await app.inject({ method: 'GET', url: `/cinema/movies?limit=3&before=${first.next}` })).json()
  t.same(second.movies.map((m: { title: string }) => m.title), ['m1', 'm0'])
  t.equal(second.next, null)
  t.equal((await app.inject({ method: 'GET', url: '/cinema/movies?before=not-ours' })).json().code, 'CINEMA_MOVIES_BAD_CURSOR')
  t.equal((await app.inject({ method: 'GET', url: '/cinema/movies?limit=101' })).statusCode, 400)
  t.match((await app.inject({ method: 'GET', url: '/cinema/movies?sort=title' })).json(), { statusCode: 400, message: /sort is not an allowed field/ })
})

test('GET /cinema/movies?movie_id= › the movies of those ids that exist, in the order asked', async (t) => {
  const app = await buildTestApp(t)
  const [a, b] = [(await add(app, { ...MARTIAN, title: 'A' })).json(), (await add(app, { ...MARTIAN, title: 'B' })).json()]
  const missing = '3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59'
  const res = await app.inject({ method: 'GET', url: `/cinema/movies?movie_id=${b.movie_id}&movie_id=${missing}&movie_id=${a.movie_id.toUpperCase()}&movie_id=${b.movie_id}` })
  t.same(res.json(), { movies: [b, a], next: null })
  t.same((await app.inject({ method: 'GET', url: `/cinema/movies?movie_id=${a.movie_id}` })).json().movies, [a], 'one id alone')
  const tooMany = Array.from({ length: 101 }, () => `movie_id=${a.movie_id}`).join('&')
  t.equal((await app.inject({ method: 'GET', url: `/cinema/movies?${tooMany}` })).statusCode, 400, 'at most 100 ids')
  t.equal((await app.inject({ method: 'GET', url: '/cinema/movies?movie_id=x' })).statusCode, 400)
  t.match((await app.inject({ method: 'GET', url: `/cinema/movies?movie_id=${a.movie_id}&before=AAAA` })).json(), { code: 'CINEMA_MOVIES_IDS_WITH_CURSOR' })
})
