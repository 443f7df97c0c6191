// The cinema's showtimes service as a client uses it; each call checks the body it gets.
import { get, post, request, bodyOf, expectStatuses } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { dayToDate, randomInt } from '../../lib/data.js'

export const ROUTES = {
  create: 'POST /cinema/showtimes',
  list: 'GET /cinema/showtimes',
  get: 'GET /cinema/showtimes/{date}',
  change: 'PUT /cinema/showtimes/{date}',
  delete: 'DELETE /cinema/showtimes/{date}'
}

/** `2031-05-04` -> `20310504`, the design's form. */
export const compact = (date) => date.replaceAll('-', '')

const isShowtime = (b) => /^\d{4}-\d{2}-\d{2}$/.test(b.date) && Array.isArray(b.showings) &&
  b.showings.every((s) => typeof s.movie_id === 'string' && Number.isInteger(s.capacity))
const sameShowings = (a, b) => a.length === b.length && a.every((s, i) => s.movie_id === b[i].movie_id && s.capacity === b[i].capacity)

/**
 * A new day on the programme, on a random date from 2030 on (a formation that has run before
 * may hold some: a taken day is drawn again). Returns the day.
 */
export function createShowtime (showings) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const date = dayToDate(randomInt(21915, 47481)) // 2030-01-01 .. 2099-12-31
    const res = post('/cinema/showtimes', { date: compact(date), showings }, { name: ROUTES.create, expect: expectStatuses(201, 409) })
    if (res.status === 409) continue
    const ok = expectJson(res, 'create showtime', 201, {
      'is the day sent, as an ISO date': (b) => isShowtime(b) && b.date === date && sameShowings(b.showings, showings),
      'Location names it': (_, r) => r.headers.Location === `/cinema/showtimes/${date}`
    })
    return ok ? bodyOf(res) : undefined
  }
  return undefined
}

/** `date` as given (YYYYMMDD or ISO); `expected` the day. */
export function getShowtime (date, expected) {
  const res = get(`/cinema/showtimes/${date}`, { name: ROUTES.get })
  return expectJson(res, `get showtime (${date.includes('-') ? 'ISO' : 'YYYYMMDD'})`, 200, {
    'is the day': (b) => b.date === expected.date && sameShowings(b.showings, expected.showings)
  })
}

export function changeShowtime (day, showings) {
  const res = request('PUT', `/cinema/showtimes/${compact(day.date)}`, { showings }, { name: ROUTES.change })
  const ok = expectJson(res, 'change showtime', 200, { 'has the new showings': (b) => b.date === day.date && sameShowings(b.showings, showings) })
  return ok ? bodyOf(res) : undefined
}

/** Days in calendar order after `after`. Returns the page. */
export function listShowtimes ({ limit, after } = {}) {
  const query = [limit && `limit=${limit}`, after && `after=${after}`].filter(Boolean).join('&')
  const res = get(`/cinema/showtimes${query ? `?${query}` : ''}`, { name: ROUTES.list })
  const max = limit || 20
  const from = after && after.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')
  const ok = expectJson(res, 'list showtimes', 200, {
    [`a page of at most ${max}`]: (b) => Array.isArray(b.showtimes) && b.showtimes.length <= max && b.showtimes.every(isShowtime),
    'in calendar order, after the day asked': (b) => b.showtimes.every((s, i) => (i === 0 ? !from || s.date > from : b.showtimes[i - 1].date < s.date))
  })
  return ok ? bodyOf(res) : undefined
}

export function deleteShowtime (day) {
  const res = request('DELETE', `/cinema/showtimes/${day.date}`, undefined, { name: ROUTES.delete })
  return expectJson(res, 'delete showtime', 200, { 'answers the day deleted': (b) => b.date === day.date })
}
