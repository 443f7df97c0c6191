// The API, with the events service real (in this process) and no broker: mail stays scheduled.
import { test, type Test } from 'tap'
import { buildTestApp, inSeconds, startEvents, type TestApp } from './helper.js'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const UNKNOWN = '3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59'

async function setUp (t: Test) {
  const events = await startEvents(t)
  const app = await buildTestApp(t, { GATEWAY_URL: events.url })
  const event = await events.createEvent()
  const create = (over: Record<string, unknown> = {}) =>
    app.inject({ method: 'POST', url: '/notifications', payload: { username: 'ada', event_id: event.event_id, email: 'ada@example.com', send_at: inSeconds(3600), ...over } })
  return { app, event, events, create }
}

const json = async (app: TestApp, url: string) => (await app.inject({ method: 'GET', url })).json()

test('POST /notifications › 201 with the notification, scheduled, its Location, subject and body from the event by default', async (t) => {
  const { app, event, create } = await setUp(t)
  const sendAt = inSeconds(3600)
  const res = await create({ send_at: sendAt })
  t.equal(res.statusCode, 201)
  const n = res.json()
  t.match(n, {
    notification_id: UUID_RE,
    username: 'ada',
    event_id: event.event_id,
    email: 'ada@example.com',
    subject: 'Reminder: Wordle night',
    body: /Wordle night[\s\S]*Starts 2030-05-01T18:00:00.000Z at Café Lumière/,
    send_at: sendAt,
    status: 'scheduled',
    queued_at: null,
    sent_at: null,
    detail: null
  })
  t.equal(res.headers.location, `/notifications/${n.notification_id}`)
  t.same(await json(app, res.headers.location as string), n)
  const own = (await create({ subject: 'Do not forget', body: 'Tonight!' })).json()
  t.match(own, { subject: 'Do not forget', body: 'Tonight!' })
})

test('POST /notifications › an event that does not exist is a 404, and nothing is scheduled', async (t) => {
  const { app, create } = await setUp(t)
  const res = await create({ event_id: UNKNOWN })
  t.equal(res.statusCode, 404)
  t.match(res.json(), { code: 'NOTIFICATIONS_EVENT_NOT_FOUND', message: new RegExp(UNKNOWN) })
  t.same((await json(app, '/notifications?username=ada')).notifications, [])
})

test('POST /notifications › the events service unreachable is a 503, not a 500', async (t) => {
  const app = await buildTestApp(t, { GATEWAY_URL: 'http://127.0.0.1:1' })
  const res = await app.inject({ method: 'POST', url: '/notifications', payload: { username: 'ada', event_id: UNKNOWN, email: 'ada@example.com', send_at: inSeconds(60) } })
  t.equal(res.statusCode, 503)
  t.equal(res.json().code, 'NOTIFICATIONS_UPSTREAM_UNAVAILABLE')
})

test('POST /notifications › refuses bad input with a 400 naming the field', async (t) => {
  const { app, create } = await setUp(t)
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ send_at: inSeconds(-1) }, /body\/send_at must be in the future/],
    [{ send_at: '2030-05-01' }, /body\/send_at/],
    [{ send_at: 'soon' }, /body\/send_at/],
    [{ email: 'not-an-address' }, /body\/email/],
    [{ email: undefined }, /body\/email is required/],
    [{ username: 'a b' }, /body\/username/],
    [{ event_id: 'x' }, /body\/event_id/],
    [{ subject: '  ' }, /body\/subject/],
    [{ body: 'x'.repeat(10_001) }, /body\/body/],
    [{ status: 'sent' }, /body\/status is not an allowed field/]
  ]
  for (const [over, message] of cases) {
    const res = await create(over)
    t.equal(res.statusCode, 400, JSON.stringify(over))
    t.match(res.json(), { statusCode: 400, message }, JSON.stringify(over))
  }
  t.same((await json(app, '/notifications?username=ada')).notifications, [])
})

test('POST, PATCH and DELETE › through the gateway, only the user acts on their notifications (403)', async (t) => {
  const { app, create } = await setUp(t)
  const res = await app.inject({ method: 'POST', url: '/notifications', headers: { 'x-auth-user': 'mallory' }, payload: { username: 'ada', event_id: UNKNOWN, email: 'a@b.c', send_at: inSeconds(60) } })
  t.equal(res.statusCode, 403)
  t.equal(res.json().code, 'NOTIFICATIONS_FORBIDDEN')
  const n = (await create()).json()
  const headers = { 'x-auth-user': 'mallory' }
  t.equal((await app.inject({ method: 'PATCH', url: `/notifications/${n.notification_id}`, headers, payload: { email: 'm@evil.example' } })).statusCode, 403)
  t.equal((await app.inject({ method: 'DELETE', url: `/notifications/${n.notification_id}`, headers })).statusCode, 403)
  t.same(await json(app, `/notifications/${n.notification_id}`), n)
})

test('GET /notifications?username › a user\'s notifications in send order, paged; username required', async (t) => {
  const { app, create } = await setUp(t)
  for (const s of [300, 100, 200]) await create({ send_at: inSeconds(s), subject: `in ${s}` })
  await create({ username: 'bob' })
  const subjects = (page: { notifications: { subject: string }[] }) => page.notifications.map((n) => n.subject)
  t.same(subjects(await json(app, '/notifications?username=ada')), ['in 100', 'in 200', 'in 300'])
  const first = await json(app, '/notifications?username=ada&limit=2')
  t.same(subjects(first), ['in 100', 'in 200'])
  t.same(subjects(await json(app, `/notifications?username=ada&limit=2&after=${first.next}`)), ['in 300'])
  for (const q of ['', 'username=', 'username=ada&limit=0', 'username=ada&limit=101', 'username=ada&after=zzz', 'username=ada&status=sent']) {
    t.equal((await app.inject({ method: 'GET', url: `/notifications?${q}` })).statusCode, 400, q)
  }
})

test('PATCH /notifications/:id › a scheduled notification takes a new time and address', async (t) => {
  const { app, create } = await setUp(t)
  const n = (await create()).json()
  const later = inSeconds(7200)
  const res = await app.inject({ method: 'PATCH', url: `/notifications/${n.notification_id}`, payload: { send_at: later, email: 'ada@work.example' } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { send_at: later, email: 'ada@work.example', status: 'scheduled' })
  const [mail] = app.notifications.outbox.claim('test', { now: Date.parse(later), leaseMs: 1, limit: 10 })
  t.match(JSON.parse(mail!.body.toString()), { to: 'ada@work.example' }, 'the mail waiting in the outbox changed with it')
  t.equal(mail!.dueAt, Date.parse(later))
})

test('PATCH /notifications/:id › 409 once the mail is being handed over or queued; 400 for the past; 404 unknown', async (t) => {
  const { app, create } = await setUp(t)
  const claimed = (await create({ send_at: inSeconds(1) })).json()
  app.notifications.outbox.claim('another-instance', { now: Date.now() + 2000, leaseMs: 60_000, limit: 10 })
  const late = await app.inject({ method: 'PATCH', url: `/notifications/${claimed.notification_id}`, payload: { send_at: inSeconds(60) } })
  t.equal(late.statusCode, 409)
  t.match(late.json(), { code: 'NOTIFICATIONS_NOT_SCHEDULED', message: /being handed to the mailer/ })
  app.notifications.outbox.published(claimed.notification_id, (id) => app.notifications.markQueued(id))
  t.equal((await json(app, `/notifications/${claimed.notification_id}`)).status, 'queued')
  const queued = await app.inject({ method: 'PATCH', url: `/notifications/${claimed.notification_id}`, payload: { email: 'x@y.example' } })
  t.equal(queued.statusCode, 409)
  t.match(queued.json().message, /is queued/)

  const n = (await create()).json()
  t.equal((await app.inject({ method: 'PATCH', url: `/notifications/${n.notification_id}`, payload: { send_at: inSeconds(-5) } })).statusCode, 400)
  t.equal((await app.inject({ method: 'PATCH', url: `/notifications/${n.notification_id}`, payload: {} })).statusCode, 400)
  t.equal((await app.inject({ method: 'PATCH', url: `/notifications/${n.notification_id}`, payload: { status: 'sent' } })).statusCode, 400)
  const missing = await app.inject({ method: 'PATCH', url: `/notifications/${UNKNOWN}`, payload: { email: 'x@y.example' } })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().code, 'NOTIFICATIONS_NOTIFICATION_NOT_FOUND')
})

test('DELETE /notifications/:id › 200 with it, its mail withdrawn; then 404', async (t) => {
  const { app, create } = await setUp(t)
  const n = (await create()).json()
  const res = await app.inject({ method: 'DELETE', url: `/notifications/${n.notification_id}` })
  t.equal(res.statusCode, 200)
  t.same(res.json(), n)
  t.equal(app.notifications.outbox.size(), 0, 'nothing left to send')
  t.equal((await app.inject({ method: 'DELETE', url: `/notifications/${n.notification_id}` })).statusCode, 404)
  t.equal((await app.inject({ method: 'GET', url: `/notifications/${n.notification_id}` })).statusCode, 404)
})

test('the mailer\'s reports move a notification forward only', async (t) => {
  const { app, create } = await setUp(t)
  const n = (await create()).json()
  const id = n.notification_id
  const at = '2030-05-01T17:00:01.000Z'
  t.ok(app.notifications.applyStatus({ message_id: id, status: 'failed', at, detail: 'connection refused' }))
  t.match(await json(app, `/notifications/${id}`), { status: 'failed', detail: 'connection refused', sent_at: null })
  t.ok(app.notifications.applyStatus({ message_id: id, status: 'sent', at, detail: '250 OK' }), 'sent after failed (requeued from the dead letters)')
  t.match(await json(app, `/notifications/${id}`), { status: 'sent', sent_at: at })
  t.notOk(app.notifications.applyStatus({ message_id: id, status: 'failed', at }), 'a late failure does not undo sent')
  t.notOk(app.notifications.applyStatus({ message_id: 'not-ours', status: 'sent', at }))
  t.equal((await json(app, `/notifications/${id}`)).status, 'sent')
})
