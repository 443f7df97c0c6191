// Cinema showtimes: smoke (every endpoint once), negative cases, and its part of the user journey.
import { group } from 'k6'
import { get, CLIENT_ERROR } from '../../lib/http.js'
import { expectClientError } from '../../lib/checks.js'
import { runCases } from '../../lib/negative.js'
import { pick, dayToDate } from '../../lib/data.js'
import { createMovie, draftMovie } from '../cinema-movies/client.js'
import { createShowtime, getShowtime, changeShowtime, listShowtimes, deleteShowtime, compact } from './client.js'

const dayBefore = (date) => dayToDate(Math.round(Date.parse(date) / 86400000) - 1)

export function smoke () {
  group('cinema showtimes', () => {
    const [a, b] = [createMovie(draftMovie()), createMovie(draftMovie())]
    if (!a || !b) return
    const day = createShowtime([{ movie_id: a.movie_id, capacity: 120 }])
    if (!day) return
    getShowtime(compact(day.date), day)
    getShowtime(day.date, day)
    const changed = changeShowtime(day, [{ movie_id: b.movie_id, capacity: 40 }, { movie_id: a.movie_id, capacity: 100 }])
    const page = listShowtimes({ limit: 1, after: compact(dayBefore(day.date)) })
    expectClientError(get('/cinema/showtimes/2000-01-01', { name: 'GET /cinema/showtimes/{date}', expect: CLIENT_ERROR }), 'a day not on the programme', 404, 'CINEMA_SHOWTIMES_SHOWTIME_NOT_FOUND')
    if (page && changed && page.showtimes[0]) getShowtime(page.showtimes[0].date, changed)
    deleteShowtime(day)
    expectClientError(get(`/cinema/showtimes/${day.date}`, { name: 'GET /cinema/showtimes/{date}', expect: CLIENT_ERROR }), 'deleted day is gone', 404, 'CINEMA_SHOWTIMES_SHOWTIME_NOT_FOUND')
  })
}

export const negative = {
  setup () {
    const movie = createMovie(draftMovie())
    const victim = movie && createShowtime([{ movie_id: movie.movie_id, capacity: 50 }])
    if (!victim) throw new Error('cinema showtimes negative setup: could not create the victim day')
    return { movie, victim }
  },
  run ({ movie, victim }) {
    const ghost = '00000000-0000-4000-8000-00000000dead'
    const showing = { movie_id: movie.movie_id, capacity: 10 }
    const good = { date: '20000102', showings: [showing] }
    const bad = (label, body, status = 400, code) => ({ method: 'POST', path: '/cinema/showtimes', label: `cinema showtimes: ${label}`, body, status, code })
    const put = (label, path, body, status = 400, code) => ({ method: 'PUT', path, label: `cinema showtimes: ${label}`, body, status, code })
    group('cinema showtimes: bogus requests', () =>
      runCases([
        bad('malformed JSON', '{"date": "2015'),
        bad('missing date', { showings: [showing] }),
        bad('missing showings', { date: good.date }),
        bad('no showings', { ...good, showings: [] }),
        bad('impossible date', { ...good, date: '20151332' }, 400, 'CINEMA_SHOWTIMES_BAD_DATE'),
        bad('February 30', { ...good, date: '2016-02-30' }, 400, 'CINEMA_SHOWTIMES_BAD_DATE'),
        bad('date out of range', { ...good, date: '19991231' }, 400, 'CINEMA_SHOWTIMES_BAD_DATE'),
        bad('date with slashes', { ...good, date: '2015/12/01' }),
        bad('date as a number', { ...good, date: 20151201 }),
        bad('timestamp for a date', { ...good, date: '2015-12-01T20:00:00Z' }),
        bad('capacity 0', { ...good, showings: [{ ...showing, capacity: 0 }] }),
        bad('capacity 1001', { ...good, showings: [{ ...showing, capacity: 1001 }] }),
        bad('capacity 1.5', { ...good, showings: [{ ...showing, capacity: 1.5 }] }),
        bad('a movie twice', { ...good, showings: [showing, showing] }, 400, 'CINEMA_SHOWTIMES_DUPLICATE_MOVIE'),
        bad('malformed movie id', { ...good, showings: [{ movie_id: 'spectre', capacity: 10 }] }),
        bad('unknown movie', { ...good, showings: [{ movie_id: ghost, capacity: 10 }] }, 404, 'CINEMA_SHOWTIMES_MOVIE_NOT_FOUND'),
        bad('51 showings', { ...good, showings: Array.from({ length: 51 }, (_, i) => ({ movie_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, capacity: 1 })) }),
        bad('unknown field', { ...good, hall: 3 }),
        bad('day taken', { date: victim.date, showings: [showing] }, 409, 'CINEMA_SHOWTIMES_SHOWTIME_EXISTS'),
        bad('huge body', JSON.stringify({ ...good, pad: 'x'.repeat(1 << 20) }), 413),
        put('change an unknown day', '/cinema/showtimes/20000103', { showings: [showing] }, 404, 'CINEMA_SHOWTIMES_SHOWTIME_NOT_FOUND'),
        put('change to an unknown movie', `/cinema/showtimes/${victim.date}`, { showings: [{ movie_id: ghost, capacity: 5 }] }, 404, 'CINEMA_SHOWTIMES_MOVIE_NOT_FOUND'),
        put('change with the date in the body', `/cinema/showtimes/${victim.date}`, { date: victim.date, showings: [showing] }),
        { method: 'GET', path: '/cinema/showtimes/20151332', label: 'cinema showtimes: impossible date in path', status: 400, code: 'CINEMA_SHOWTIMES_BAD_DATE' },
        { method: 'GET', path: '/cinema/showtimes/tomorrow', label: 'cinema showtimes: word in path', status: 400 },
        { method: 'GET', path: "/cinema/showtimes/2015'%20OR%201=1", label: 'cinema showtimes: injection in path', status: 400 },
        { method: 'DELETE', path: '/cinema/showtimes/20000104', label: 'cinema showtimes: delete unknown day', status: 404, code: 'CINEMA_SHOWTIMES_SHOWTIME_NOT_FOUND' },
        { method: 'GET', path: '/cinema/showtimes?limit=0', label: 'cinema showtimes: limit 0', status: 400 },
        { method: 'GET', path: '/cinema/showtimes?limit=101', label: 'cinema showtimes: limit 101', status: 400 },
        { method: 'GET', path: '/cinema/showtimes?after=yesterday', label: 'cinema showtimes: bad after', status: 400 },
        { method: 'GET', path: '/cinema/showtimes?from=20151201', label: 'cinema showtimes: unknown parameter', status: 400 }
      ])
    )
    group('cinema showtimes: data unchanged afterwards', () => {
      getShowtime(victim.date, victim)
      expectClientError(get('/cinema/showtimes/2000-01-02', { name: 'GET /cinema/showtimes/{date}', expect: CLIENT_ERROR }), 'refused day not created', 404)
    })
  }
}

// The journey's showtimes part: looking at the programme, now and then one day.
let days = []
export function journey () {
  const roll = Math.random()
  if (roll < 0.15) {
    const page = listShowtimes({ limit: 10 })
    if (page && page.showtimes.length) days = page.showtimes
  } else if (roll < 0.25 && days.length) {
    const day = pick(days)
    getShowtime(compact(day.date), day)
  }
}
