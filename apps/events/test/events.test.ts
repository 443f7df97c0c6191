import { test } from 'tap'
import { anEvent, buildTestApp, createEvent } from './helper.js'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const UNKNOWN = '3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59'

test('POST /events › answers 201 with the event and its Location, and GET reads it back', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/events', payload: anEvent({ starts_at: '2026-05-01T20:00:00+02:00', ends_at: '2026-05-01 23:30' }) })
  t.equal(res.statusCode, 201)
  const event = res.json()
  t.match(event, {
    event_id: UUID_RE,
    title: 'Wordle night',
    description: 'Bring a five-letter word.',
    topic: 'wordle',
    starts_at: '2026-05-01T18:00:00.000Z',
    ends_at: '2026-05-01T23:30:00.000Z',
    place: { name: 'Café Lumière', lat: 48.8566, lon: 2.3522 },
    created_by: 'alice'
  })
  t.equal(event.created_at, event.updated_at)
  t.equal(res.headers.location, `/events/${event.event_id}`)
  t.same((await app.inject({ method: 'GET', url: res.headers.location as string })).json(), event)
})

test('POST /events › an event without an end is a moment (ends_at null)', async (t) => {
  const app = await buildTestApp(t)
  t.equal((await createEvent(app, { ends_at: undefined })).ends_at, null)
  t.equal((await createEvent(app, { ends_at: null })).ends_at, null)
})

test('POST /events › refuses bad input with a 400 naming the field, and writes nothing', async (t) => {
  const app = await buildTestApp(t)
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ title: undefined }, /body\/title is required/],
    [{ title: ' \u200b' }, /body\/title must be a title/],
    [{ description: '' }, /body\/description/],
    [{ topic: 'Wordle' }, /body\/topic must be 2\.\.32 lower-case/],
    [{ topic: 'a' }, /body\/topic/],
    [{ starts_at: '2026-05-01' }, /body\/starts_at must be when it starts/],
    [{ starts_at: '2026-02-30T10:00:00Z' }, /body\/starts_at/],
    [{ starts_at: '1999-12-31T23:00:00Z' }, /body\/starts_at/],
    [{ ends_at: 'tomorrow' }, /body\/ends_at/],
    [{ ends_at: '2026-05-01T17:59:59Z' }, /body\/ends_at must not be before starts_at/],
    [{ place: { name: 'x', lat: 90.5, lon: 0 } }, /body\/place\/lat/],
    [{ place: { name: 'x', lat: 0, lon: -181 } }, /body\/place\/lon/],
    [{ place: { name: 'x', lat: '1', lon: 0 } }, /body\/place\/lat/],
    [{ place: { name: 'x', lat: 0, lon: 0, alt: 3 } }, /body\/place\/alt is not an allowed field/],
    [{ place: { lat: 0, lon: 0 } }, /body\/place\/name is required/],
    [{ created_by: '../admin' }, /body\/created_by/],
    [{ event_id: UNKNOWN }, /body\/event_id is not an allowed field/]
  ]
  for (const [over, message] of cases) {
    const res = await app.inject({ method: 'POST', url: '/events', payload: anEvent(over) })
    t.equal(res.statusCode, 400, JSON.stringify(over))
    t.match(res.json(), { statusCode: 400, message }, JSON.stringify(over))
  }
  t.same((await app.inject({ method: 'GET', url: '/events' })).json().events, [], 'nothing was written')
})

test('POST /events › through the gateway, created_by is the token user or a 403', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/events', headers: { 'x-auth-user': 'mallory' }, payload: anEvent() })
  t.equal(res.statusCode, 403)
  t.equal(res.json().code, 'EVENTS_FORBIDDEN')
  t.equal((await app.inject({ method: 'POST', url: '/events', headers: { 'x-auth-user': 'ALICE' }, payload: anEvent() })).statusCode, 201)
})

test('PATCH /events/:id › changes what is given, keeps the rest, and moves updated_at', async (t) => {
  const app = await buildTestApp(t)
  const event = await createEvent(app)
  await new Promise((resolve) => setTimeout(resolve, 5))
  const res = await app.inject({
    method: 'PATCH',
    url: `/events/${event.event_id}`,
    payload: { title: 'Wordle night, second edition', place: { name: 'Parc', lat: 48.85, lon: 2.34 }, ends_at: null }
  })
  t.equal(res.statusCode, 200)
  const changed = res.json()
  t.match(changed, { ...event, title: 'Wordle night, second edition', place: { name: 'Parc', lat: 48.85, lon: 2.34 }, ends_at: null, updated_at: String })
  t.not(changed.updated_at, event.updated_at)
  t.same((await app.inject({ method: 'GET', url: `/events/${event.event_id}` })).json(), changed)
  const near = (await app.inject({ method: 'GET', url: '/events?near=48.85,2.34&radius_km=0.001' })).json()
  t.same(near.events.map((e: { event_id: string }) => e.event_id), [event.event_id], 'the new place is searchable')
})

test('PATCH /events/:id › checks the event whole: a new start after the end is a 400 and changes nothing', async (t) => {
  const app = await buildTestApp(t)
  const event = await createEvent(app)
  const res = await app.inject({ method: 'PATCH', url: `/events/${event.event_id}`, payload: { starts_at: '2026-05-01T22:00:00Z' } })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'EVENTS_ENDS_BEFORE_START', message: /ends_at must not be before starts_at/ })
  t.same((await app.inject({ method: 'GET', url: `/events/${event.event_id}` })).json(), event)
  const both = await app.inject({ method: 'PATCH', url: `/events/${event.event_id}`, payload: { starts_at: '2026-05-01T22:00:00Z', ends_at: '2026-05-02T01:00:00Z' } })
  t.equal(both.statusCode, 200, 'moving both together is fine')
})

test('PATCH /events/:id › refuses an empty change, unknown fields, created_by, and answers 404 for an unknown event', async (t) => {
  const app = await buildTestApp(t)
  const event = await createEvent(app)
  for (const payload of [{}, { created_by: 'bob' }, { colour: 'red' }, { title: '' }, { place: { name: 'x' } }]) {
    const res = await app.inject({ method: 'PATCH', url: `/events/${event.event_id}`, payload })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
  }
  const missing = await app.inject({ method: 'PATCH', url: `/events/${UNKNOWN}`, payload: { title: 'x' } })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().code, 'EVENTS_EVENT_NOT_FOUND')
})

test('PATCH and DELETE › through the gateway, only the creator changes an event', async (t) => {
  const app = await buildTestApp(t)
  const event = await createEvent(app)
  const headers = { 'x-auth-user': 'mallory' }
  t.equal((await app.inject({ method: 'PATCH', url: `/events/${event.event_id}`, headers, payload: { title: 'mine now' } })).statusCode, 403)
  t.equal((await app.inject({ method: 'DELETE', url: `/events/${event.event_id}`, headers })).statusCode, 403)
  t.same((await app.inject({ method: 'GET', url: `/events/${event.event_id}` })).json(), event)
})

test('GET and DELETE /events/:id › 404 for an unknown event, 400 for a malformed id, 200 with the event deleted', async (t) => {
  const app = await buildTestApp(t)
  t.equal((await app.inject({ method: 'GET', url: `/events/${UNKNOWN}` })).json().code, 'EVENTS_EVENT_NOT_FOUND')
  t.equal((await app.inject({ method: 'GET', url: '/events/not-a-uuid' })).statusCode, 400)
  const event = await createEvent(app)
  const deleted = await app.inject({ method: 'DELETE', url: `/events/${event.event_id}` })
  t.equal(deleted.statusCode, 200)
  t.same(deleted.json(), event)
  t.equal((await app.inject({ method: 'DELETE', url: `/events/${event.event_id}` })).statusCode, 404)
  t.equal((await app.inject({ method: 'GET', url: '/events?near=48.8566,2.3522&radius_km=1' })).json().events.length, 0, 'gone from searches too')
  t.equal((await app.inject({ method: 'GET', url: '/events?from=2026-05-01T19:00:00Z' })).json().events.length, 0)
})
