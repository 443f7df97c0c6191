import { test } from 'tap'
import { buildTestApp } from './helper.js'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

test('POST /cinema/bookings › answers 201 with the item and its Location, and GET reads it back', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/cinema/bookings', payload: { title: 'first', username: 'alice' } })
  t.equal(res.statusCode, 201)
  const item = res.json()
  t.match(item, { item_id: UUID_RE, title: 'first', username: 'alice' })
  t.equal(res.headers.location, `/cinema/bookings/${item.item_id}`)
  t.same((await app.inject({ method: 'GET', url: res.headers.location as string })).json(), item)
})

test('POST /cinema/bookings › refuses bad input with a 400 naming the field, and writes nothing', async (t) => {
  const app = await buildTestApp(t)
  const cases: [unknown, RegExp][] = [
    [{ username: 'alice' }, /body\/title is required/],
    [{ title: '\u200b ', username: 'alice' }, /body\/title must be a title/],
    [{ title: 'x', username: 'a b' }, /body\/username/],
    [{ title: 'x', username: 'alice', extra: 1 }, /body\/extra is not an allowed field/]
  ]
  for (const [payload, message] of cases) {
    const res = await app.inject({ method: 'POST', url: '/cinema/bookings', payload: payload as object })
    t.equal(res.statusCode, 400)
    t.match(res.json(), { statusCode: 400, message })
  }
  t.same((await app.inject({ method: 'GET', url: '/cinema/bookings' })).json().items, [], 'nothing was written')
})

test('POST /cinema/bookings › through the gateway, a write names its token user or is a 403', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/cinema/bookings', headers: { 'x-auth-user': 'mallory' }, payload: { title: 'x', username: 'alice' } })
  t.equal(res.statusCode, 403)
  t.equal(res.json().code, 'CINEMA_BOOKINGS_FORBIDDEN')
})

test('GET /cinema/bookings/:item_id and DELETE › 404 for an unknown item, 200 with the item deleted', async (t) => {
  const app = await buildTestApp(t)
  const unknown = '3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59'
  t.equal((await app.inject({ method: 'GET', url: `/cinema/bookings/${unknown}` })).json().code, 'CINEMA_BOOKINGS_ITEM_NOT_FOUND')
  const item = (await app.inject({ method: 'POST', url: '/cinema/bookings', payload: { title: 'gone', username: 'alice' } })).json()
  const deleted = await app.inject({ method: 'DELETE', url: `/cinema/bookings/${item.item_id}` })
  t.equal(deleted.statusCode, 200)
  t.same(deleted.json(), item)
  t.equal((await app.inject({ method: 'DELETE', url: `/cinema/bookings/${item.item_id}` })).statusCode, 404)
})

test('GET /cinema/bookings › pages newest first with a cursor, never repeating or skipping', async (t) => {
  const app = await buildTestApp(t)
  for (let i = 0; i < 5; i++) await app.inject({ method: 'POST', url: '/cinema/bookings', payload: { title: `n${i}`, username: 'alice' } })
  const first = (await app.inject({ method: 'GET', url: '/cinema/bookings?limit=3' })).json()
  t.same(first.items.map((i: { title: string }) => i.title), ['n4', 'n3', 'n2'])
  const second = (await app.inject({ method: 'GET', url: `/cinema/bookings?limit=3&before=${first.next}` })).json()
  t.same(second.items.map((i: { title: string }) => i.title), ['n1', 'n0'])
  t.equal(second.next, null)
  t.equal((await app.inject({ method: 'GET', url: '/cinema/bookings?before=not-ours' })).json().code, 'CINEMA_BOOKINGS_BAD_CURSOR')
})
