import { test } from 'tap'
import { destination } from '../src/geo.js'
import { anEvent, buildTestApp, createEvent, type EventBody, type TestApp } from './helper.js'

const ids = (events: EventBody[]) => events.map((e) => e.title)

async function list (app: TestApp, query: string) {
  const res = await app.inject({ method: 'GET', url: `/events?${query}` })
  if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`)
  return res.json() as { events: EventBody[], next: string | null }
}

async function all (app: TestApp, query: string, limit = 2) {
  const seen: EventBody[] = []
  let next: string | null = null
  do {
    const page = await list(app, `${query}&limit=${limit}${next ? `&after=${next}` : ''}`)
    seen.push(...page.events)
    next = page.next
  } while (next)
  return seen
}

test('GET /events › in start order, by topic, paged without repeats or gaps', async (t) => {
  const app = await buildTestApp(t)
  await createEvent(app, { title: 'c', starts_at: '2026-05-03T10:00:00Z', ends_at: null, topic: 'chess' })
  await createEvent(app, { title: 'a', starts_at: '2026-05-01T10:00:00Z', ends_at: null })
  await createEvent(app, { title: 'b1', starts_at: '2026-05-02T10:00:00Z', ends_at: null })
  await createEvent(app, { title: 'b2', starts_at: '2026-05-02T10:00:00Z', ends_at: null })
  t.same(ids((await list(app, '')).events), ['a', 'b1', 'b2', 'c'])
  t.same(ids(await all(app, 'topic=wordle')), ['a', 'b1', 'b2'], 'one topic, across pages of 2; two events of the same instant neither repeated nor skipped')
  t.same(ids((await list(app, 'topic=chess')).events), ['c'])
  t.same((await list(app, 'topic=go')).events, [])
  const first = await list(app, 'limit=3')
  t.equal(first.events.length, 3)
  t.type(first.next, 'string')
})

test('GET /events?from&to › an event counts when it overlaps the range, edges included', async (t) => {
  const app = await buildTestApp(t)
  const at = (s: string) => `2026-06-01T${s}:00Z`
  await createEvent(app, { title: 'before', starts_at: at('08:00'), ends_at: at('09:00') })
  await createEvent(app, { title: 'ends on from', starts_at: at('08:00'), ends_at: at('10:00') })
  await createEvent(app, { title: 'spans it', starts_at: at('07:00'), ends_at: at('18:00') })
  await createEvent(app, { title: 'inside', starts_at: at('11:00'), ends_at: at('11:30') })
  await createEvent(app, { title: 'moment inside', starts_at: at('11:15'), ends_at: null })
  await createEvent(app, { title: 'starts on to', starts_at: at('12:00'), ends_at: at('13:00') })
  await createEvent(app, { title: 'after', starts_at: at('12:01'), ends_at: at('13:00') })
  await createEvent(app, { title: 'moment on from', starts_at: at('10:00'), ends_at: null })
  const expected = ['spans it', 'ends on from', 'moment on from', 'inside', 'moment inside', 'starts on to']
  t.same(ids((await list(app, `from=${at('10:00')}&to=${at('12:00')}`)).events), expected)
  for (const limit of [1, 2, 4]) t.same(ids(await all(app, `from=${at('10:00')}&to=${at('12:00')}`, limit)), expected, `pages of ${limit}`)
  t.same(ids((await list(app, `from=${at('12:00')}`)).events), ['spans it', 'starts on to', 'after'], 'from alone: still going on or later')
  t.same(ids((await list(app, `to=${at('08:00')}`)).events), ['spans it', 'before', 'ends on from'], 'to alone: starting by then')
  t.same(ids((await list(app, `from=${at('10:00')}&to=${at('10:00')}`)).events), ['spans it', 'ends on from', 'moment on from'], 'an instant')
  t.same(ids((await list(app, `from=2026-06-01T12:00:00%2B02:00&to=${at('10:00')}`)).events), ['spans it', 'ends on from', 'moment on from'], 'zones are instants')
})

test('GET /events?near › nearest first, with the distance, within the radius only', async (t) => {
  const app = await buildTestApp(t)
  const paris = { lat: 48.8566, lon: 2.3522 }
  for (const [title, km, bearing] of [['far', 9, 10], ['near', 1, 200], ['mid', 4, 100], ['out', 11, 300]] as const) {
    const p = destination(paris.lat, paris.lon, bearing, km)
    await createEvent(app, { title, place: { name: title, ...p } })
  }
  const page = await list(app, `near=${paris.lat},${paris.lon}&radius_km=10`)
  t.same(ids(page.events), ['near', 'mid', 'far'])
  t.same(page.events.map((e) => e.distance_km), [1, 4, 9], 'distance_km, to the millimetre')
  t.same(ids(await all(app, `near=${paris.lat},${paris.lon}&radius_km=10`, 1)), ['near', 'mid', 'far'], 'paged nearest first')
  t.same(ids((await list(app, `near=${paris.lat},${paris.lon}`)).events), ['near', 'mid', 'far'], 'default radius 10 km')
  t.notOk('distance_km' in (await list(app, '')).events[0]!, 'no distance without near')
})

test('GET /events?near › the radius is exact at its edge: at high latitudes, over a pole, across the 180th meridian', async (t) => {
  const app = await buildTestApp(t)
  const centres: [string, number, number][] = [['equator', 0, 30], ['oslo', 59.91, 10.75], ['svalbard', 78.22, 15.65], ['pole', 89.99, 0], ['fiji', -17.8, 179.99]]
  const radius = 50
  for (const [name, lat, lon] of centres) {
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      await createEvent(app, { title: `${name} in ${bearing}`, place: { name, ...destination(lat, lon, bearing, radius - 0.001) } })
      await createEvent(app, { title: `${name} out ${bearing}`, place: { name, ...destination(lat, lon, bearing, radius + 0.001) } })
    }
  }
  for (const [name, lat, lon] of centres) {
    const found = await all(app, `near=${lat},${lon}&radius_km=${radius}`, 100)
    const mine = found.filter((e) => e.place.name === name)
    t.equal(mine.length, 8, `${name}: every point 1 m inside the radius is found`)
    t.ok(mine.every((e) => e.title.includes(' in ')), `${name}: none 1 m outside`)
    t.ok(found.every((e) => e.distance_km! <= radius), `${name}: every distance within the radius`)
  }
})

test('GET /events › the filters combine', async (t) => {
  const app = await buildTestApp(t)
  const paris = { lat: 48.8566, lon: 2.3522 }
  const place = (km: number) => ({ name: 'x', ...destination(paris.lat, paris.lon, 90, km) })
  await createEvent(app, { title: 'wordle near may', place: place(1), starts_at: '2026-05-01T10:00:00Z', ends_at: null })
  await createEvent(app, { title: 'wordle near june', place: place(2), starts_at: '2026-06-01T10:00:00Z', ends_at: null })
  await createEvent(app, { title: 'chess near may', topic: 'chess', place: place(0.5), starts_at: '2026-05-01T10:00:00Z', ends_at: null })
  await createEvent(app, { title: 'wordle far may', place: place(50), starts_at: '2026-05-01T10:00:00Z', ends_at: null })
  const q = `near=${paris.lat},${paris.lon}&radius_km=5&from=2026-05-01T00:00:00Z&to=2026-05-31T23:59:59Z`
  t.same(ids((await list(app, q)).events), ['chess near may', 'wordle near may'])
  t.same(ids((await list(app, `${q}&topic=wordle`)).events), ['wordle near may'])
  t.same(ids((await list(app, 'topic=wordle&from=2026-05-15T00:00:00Z')).events), ['wordle near june'])
})

test('GET /events › refuses bad queries with a 400 naming the parameter', async (t) => {
  const app = await buildTestApp(t)
  const cases: [string, RegExp][] = [
    ['near=91,0', /querystring\/near/],
    ['near=0,181', /querystring\/near/],
    ['near=paris', /querystring\/near/],
    ['near=1,2,3', /querystring\/near/],
    ['radius_km=5', /radius_km needs querystring\/near/],
    ['near=0,0&radius_km=0', /querystring\/radius_km/],
    ['near=0,0&radius_km=-1', /querystring\/radius_km/],
    ['near=0,0&radius_km=30000', /querystring\/radius_km/],
    ['from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z', /querystring\/to must not be before/],
    ['from=yesterday', /querystring\/from/],
    ['to=2026-05-01', /querystring\/to/],
    ['topic=Not A Topic', /querystring\/topic/],
    ['limit=0', /querystring\/limit/],
    ['limit=101', /querystring\/limit/],
    ['after=AAAA', /querystring\/after is not a cursor/],
    ['colour=red', /colour/]
  ]
  for (const [query, message] of cases) {
    const res = await app.inject({ method: 'GET', url: `/events?${query}` })
    t.equal(res.statusCode, 400, query)
    t.match(res.json(), { statusCode: 400, message }, query)
  }
})

test('GET /events › a page is never unbounded: 20 by default, 100 at most', async (t) => {
  const app = await buildTestApp(t)
  for (let i = 0; i < 25; i++) await createEvent(app, { title: `e${i}`, starts_at: `2026-05-01T10:${String(i).padStart(2, '0')}:00Z`, ends_at: null })
  const page = await list(app, '')
  t.equal(page.events.length, 20)
  t.equal((await list(app, `after=${page.next}`)).events.length, 5)
  t.equal(anEvent().topic, 'wordle')
})
