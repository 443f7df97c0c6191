// Events service: smoke (every endpoint once), negative cases, and its part of the user journey.
import { check, group } from 'k6'
import exec from 'k6/execution'
import { uniqueName, pick, randomInt } from '../../lib/data.js'
import { get, CLIENT_ERROR } from '../../lib/http.js'
import { expectClientError } from '../../lib/checks.js'
import { runCases } from '../../lib/negative.js'
import { createEvent, getEvent, updateEvent, deleteEvent, listEvents } from './client.js'

const TOPICS = ['wordle', 'chess', 'board-games', 'puzzles']
const CITIES = [[48.8566, 2.3522, 'Paris'], [51.5074, -0.1278, 'London'], [40.7128, -74.006, 'New York'], [35.6762, 139.6503, 'Tokyo']]
const HOUR = 3600 * 1000
const inHours = (h) => new Date(Date.now() + h * HOUR).toISOString()

/** A new event somewhere near a real city, some days ahead. */
function draft (createdBy, extra = {}) {
  const [lat, lon, city] = pick(CITIES)
  const start = randomInt(24, 24 * 60)
  return {
    title: `Wordle meetup in ${city}`,
    description: 'Bring a five-letter word and a pencil.',
    topic: pick(TOPICS),
    starts_at: inHours(start),
    ends_at: inHours(start + 3),
    place: { name: `Café ${uniqueName('k6').slice(-6)}, ${city}`, lat: +(lat + (Math.random() - 0.5) * 0.05).toFixed(6), lon: +(lon + (Math.random() - 0.5) * 0.05).toFixed(6) },
    created_by: createdBy,
    ...extra
  }
}

export function smoke () {
  group('events', () => {
    const event = createEvent(draft(uniqueName('k6smoke')))
    if (!event) return
    getEvent(event)
    const moved = updateEvent(event, { title: 'Wordle meetup, moved', starts_at: inHours(30 * 24), ends_at: inHours(30 * 24 + 2) })
    listEvents({ topic: event.topic, from: inHours(0), limit: 5 })
    const near = listEvents({ near: [event.place.lat, event.place.lon], radius_km: 1, topic: event.topic, limit: 50 })
    if (near) check(near, { 'list events: the new event is found near its place': (b) => b.events.some((e) => e.event_id === event.event_id) })
    listEvents({ from: moved ? moved.starts_at : inHours(1), to: inHours(31 * 24), near: [event.place.lat, event.place.lon], radius_km: 5 })
    deleteEvent(event)
    expectClientError(get(`/events/${event.event_id}`, { name: 'GET /events/{event_id}', expect: CLIENT_ERROR }), 'deleted event is gone', 404, 'EVENTS_EVENT_NOT_FOUND')
  })
}

export const negative = {
  setup () {
    const victim = createEvent(draft(uniqueName('k6neg')))
    if (!victim) throw new Error('events negative setup: could not create the victim event')
    return { victim }
  },
  run ({ victim }) {
    const good = draft(uniqueName('k6neg'))
    const bad = (label, body, status = 400, code) => ({ method: 'POST', path: '/events', label: `events: ${label}`, body, status, code })
    const patch = (label, body, status = 400, code) => ({ method: 'PATCH', path: `/events/${victim.event_id}`, label: `events: patch ${label}`, body, status, code, as: victim.created_by })
    const list = (label, query) => ({ method: 'GET', path: `/events?${query}`, label: `events: ${label}`, status: 400 })
    group('events: bogus requests', () =>
      runCases([
        bad('malformed JSON', '{"title":'),
        bad('body is an array', '[]'),
        ...['title', 'description', 'topic', 'starts_at', 'place', 'created_by'].map((k) => bad(`missing ${k}`, { ...good, [k]: undefined })),
        bad('blank title', { ...good, title: ' \u200b ' }),
        bad('topic with capitals', { ...good, topic: 'Wordle' }),
        bad('a date, not a timestamp', { ...good, starts_at: '2030-01-01' }),
        bad('an impossible date', { ...good, starts_at: '2030-02-30T10:00:00Z' }),
        bad('year 3000', { ...good, starts_at: '3000-01-01T10:00:00Z' }),
        bad('ends before it starts', { ...good, ends_at: new Date(Date.parse(good.starts_at) - 60000).toISOString() }, 400, 'EVENTS_ENDS_BEFORE_START'),
        bad('latitude 91', { ...good, place: { ...good.place, lat: 91 } }),
        bad('longitude -181', { ...good, place: { ...good.place, lon: -181 } }),
        bad('latitude as text', { ...good, place: { ...good.place, lat: '48.8' } }),
        bad('unknown place field', { ...good, place: { ...good.place, altitude: 35 } }),
        bad('unknown field', { ...good, event_id: victim.event_id }),
        bad('injection as topic', { ...good, topic: "x'; DROP TABLE events;--" }),
        bad('bad created_by', { ...good, created_by: '../admin' }),
        bad('huge body', JSON.stringify({ ...good, description: 'x'.repeat(1 << 20) }), 413),
        patch('empty', {}),
        patch('created_by', { created_by: 'mallory' }),
        patch('start after the end', { starts_at: new Date(Date.parse(victim.ends_at) + 60000).toISOString() }, 400, 'EVENTS_ENDS_BEFORE_START'),
        { method: 'GET', path: '/events/not-a-uuid', label: 'events: malformed id', status: 400 },
        { method: 'GET', path: '/events/00000000-0000-4000-8000-000000000000', label: 'events: unknown id', status: 404, code: 'EVENTS_EVENT_NOT_FOUND' },
        { method: 'PATCH', path: '/events/00000000-0000-4000-8000-000000000000', label: 'events: patch unknown', body: { title: 'x' }, status: 404, code: 'EVENTS_EVENT_NOT_FOUND' },
        { method: 'DELETE', path: '/events/00000000-0000-4000-8000-000000000000', label: 'events: delete unknown', status: 404, code: 'EVENTS_EVENT_NOT_FOUND' },
        list('near latitude 91', 'near=91,0'),
        list('near not a place', 'near=paris'),
        list('radius without near', 'radius_km=5'),
        list('radius 0', 'near=0,0&radius_km=0'),
        list('radius past half the earth', 'near=0,0&radius_km=30000'),
        list('to before from', 'from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z'),
        list('from not a timestamp', 'from=tomorrow'),
        list('limit 0', 'limit=0'),
        list('limit 101', 'limit=101'),
        list('forged cursor', 'after=AAAAAAAA'),
        list('unknown parameter', 'sort=title')
      ])
    )
    group('events: data unchanged afterwards', () => getEvent(victim))
  }
}

// The journey's events part: mostly searching near a city or by topic, now and then creating one.
let mine
export function journey () {
  const roll = Math.random()
  if (roll < 0.03 || !mine) {
    const event = createEvent(draft(uniqueName('k6load', exec.vu.idInTest)))
    if (event) mine = event
  } else if (roll < 0.2) {
    const [lat, lon] = pick(CITIES)
    listEvents({ near: [lat, lon], radius_km: pick([2, 10, 50]), ...(Math.random() < 0.5 ? { topic: pick(TOPICS) } : {}) })
  } else if (roll < 0.3) {
    listEvents({ topic: pick(TOPICS), from: inHours(0), to: inHours(24 * 7) })
  } else if (roll < 0.35) {
    getEvent(mine)
  }
}
