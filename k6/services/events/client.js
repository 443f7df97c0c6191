// The events service as a client uses it; each call checks the body it gets.
import { get, post, request, bodyOf, encode } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { UUID } from '../stats/client.js'

export const ROUTES = {
  create: 'POST /events',
  list: 'GET /events',
  get: 'GET /events/{event_id}',
  update: 'PATCH /events/{event_id}',
  delete: 'DELETE /events/{event_id}'
}

const isEvent = (b) =>
  UUID.test(b.event_id) && typeof b.title === 'string' && typeof b.topic === 'string' &&
  !Number.isNaN(Date.parse(b.starts_at)) && (b.ends_at === null || Date.parse(b.ends_at) >= Date.parse(b.starts_at)) &&
  b.place && typeof b.place.name === 'string' && typeof b.place.lat === 'number' && typeof b.place.lon === 'number'

/** The fields of `draft` the event must have (times compared as instants). */
function sameAs (draft) {
  return (b) =>
    ['title', 'description', 'topic', 'created_by'].every((k) => !(k in draft) || b[k] === draft[k]) &&
    (!('starts_at' in draft) || Date.parse(b.starts_at) === Date.parse(draft.starts_at)) &&
    (!('place' in draft) || (b.place.name === draft.place.name && b.place.lat === draft.place.lat && b.place.lon === draft.place.lon))
}

export function createEvent (draft) {
  const res = post('/events', draft, { name: ROUTES.create })
  const ok = expectJson(res, 'create event', 201, {
    'is the event sent': (b) => isEvent(b) && sameAs(draft)(b),
    'Location names it': (b, r) => r.headers.Location === `/events/${b.event_id}`
  })
  return ok ? bodyOf(res) : undefined
}

export function getEvent (expected) {
  const res = get(`/events/${expected.event_id}`, { name: ROUTES.get })
  return expectJson(res, 'get event', 200, { 'is the event': (b) => b.event_id === expected.event_id && sameAs(expected)(b) })
}

export function updateEvent (event, change) {
  const res = request('PATCH', `/events/${event.event_id}`, change, { name: ROUTES.update, as: event.created_by })
  const ok = expectJson(res, 'update event', 200, {
    'has the change, keeps the rest': (b) => isEvent(b) && sameAs({ ...event, ...change })(b) && b.created_at === event.created_at
  })
  return ok ? bodyOf(res) : undefined
}

export function deleteEvent (event) {
  const res = request('DELETE', `/events/${event.event_id}`, undefined, { name: ROUTES.delete, as: event.created_by })
  return expectJson(res, 'delete event', 200, { 'answers the event deleted': (b) => b.event_id === event.event_id })
}

/**
 * A page of a search: `topic`, `from`/`to`, `near` ([lat, lon]) with `radius_km`, `limit`, `after`.
 * Checks what a client relies on: the filters hold, and the order (nearest first near a place, else by start).
 */
export function listEvents (q = {}) {
  const query = [
    q.topic && `topic=${encode(q.topic)}`,
    q.from && `from=${encode(q.from)}`,
    q.to && `to=${encode(q.to)}`,
    q.near && `near=${q.near[0]},${q.near[1]}`,
    q.radius_km && `radius_km=${q.radius_km}`,
    q.limit && `limit=${q.limit}`,
    q.after && `after=${encode(q.after)}`
  ].filter(Boolean).join('&')
  const res = get(`/events${query ? `?${query}` : ''}`, { name: ROUTES.list })
  const max = q.limit || 20
  const ends = (e) => Date.parse(e.ends_at || e.starts_at)
  const ok = expectJson(res, 'list events', 200, {
    [`a page of at most ${max}`]: (b) => Array.isArray(b.events) && b.events.length <= max && (b.next === null || typeof b.next === 'string'),
    'of the topic asked': (b) => !q.topic || b.events.every((e) => e.topic === q.topic),
    'happening in the range asked': (b) => b.events.every((e) => (!q.from || ends(e) >= Date.parse(q.from)) && (!q.to || Date.parse(e.starts_at) <= Date.parse(q.to))),
    'within the radius, nearest first': (b) => !q.near || b.events.every((e, i) =>
      typeof e.distance_km === 'number' && e.distance_km <= (q.radius_km || 10) && (i === 0 || b.events[i - 1].distance_km <= e.distance_km)),
    'else in start order': (b) => !!q.near || b.events.every((e, i) => i === 0 || Date.parse(b.events[i - 1].starts_at) <= Date.parse(e.starts_at))
  })
  return ok ? bodyOf(res) : undefined
}
