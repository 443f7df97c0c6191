// The services as the formation runs them: Procfile lines, real processes behind a real Traefik,
// every call through the gateway. The mailer finds the mailbox's SMTP server through the
// gateway, the notifications service finds the events service there, and two notifications
// instances share one database.
import t from 'tap'
import { eventually, removeMailNamespaceWhenDone, testNamespace } from '@platform/queue/testing'
import { startTestStack } from '@platform/stack/testing'

const namespace = testNamespace('formation')
const stack = await startTestStack({
  formation: 'events=1,notifications=2,mailer=1,mailbox=1,users=1',
  env: { AMQP_NAMESPACE: namespace, NOTIFICATIONS_POLL_MS: '200' }
})
t.teardown(() => stack.stop())
removeMailNamespaceWhenDone(namespace, [1000, 5000, 30000, 120000])

// Writes through the gateway carry the token of the account they act as (formation_ada's).
let token = ''
const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

const inbox = async (to: string) => (await call('GET', `/mailbox/messages?to=${encodeURIComponent(to)}`)).body.messages as { subject: string, to: string[] }[]

t.test('an account created through the gateway gets its welcome mail', async (t) => {
  const password = 'plum-cobalt-harbour-42'
  const created = await call('POST', '/users', { username: 'formation_ada', email: 'formation.ada@example.com', password })
  t.equal(created.status, 201)
  const session = await call('POST', '/users/sessions', { username: 'formation_ada', password })
  t.equal(session.status, 201, 'she signs in')
  token = session.body.token
  const [mail] = await eventually(async () => {
    const m = await inbox('formation.ada@example.com')
    return m.length > 0 && m
  }, 30_000, 'the welcome mail')
  t.equal(mail!.subject, 'Welcome to the Wordle platform, formation_ada!')
})

t.test('a notification made through the gateway is mailed once at its time and ends up sent', async (t) => {
  const event = await call('POST', '/events', {
    title: 'Formation night',
    description: 'Everything at once.',
    topic: 'wordle',
    starts_at: new Date(Date.now() + 86_400_000).toISOString(),
    place: { name: 'Gateway Café', lat: 48.85, lon: 2.35 },
    created_by: 'formation_ada'
  })
  t.equal(event.status, 201)
  const ids = []
  for (let i = 0; i < 6; i++) {
    const n = await call('POST', '/notifications', {
      username: 'formation_ada',
      event_id: event.body.event_id,
      email: 'formation.bob@example.com',
      send_at: new Date(Date.now() + 2000 + i * 100).toISOString(),
      subject: `Formation reminder ${i}`
    })
    t.equal(n.status, 201)
    ids.push(n.body.notification_id as string)
  }
  const missing = await call('POST', '/notifications', {
    username: 'formation_ada',
    event_id: '00000000-0000-4000-8000-000000000000',
    email: 'formation.bob@example.com',
    send_at: new Date(Date.now() + 60_000).toISOString()
  })
  t.equal(missing.status, 404)
  t.equal(missing.body.code, 'NOTIFICATIONS_EVENT_NOT_FOUND')

  await eventually(async () => (await inbox('formation.bob@example.com')).length >= 6, 30_000, 'all six mails')
  await new Promise((resolve) => setTimeout(resolve, 1500))
  const mails = await inbox('formation.bob@example.com')
  t.equal(mails.length, 6, 'each once, though two instances ran the schedule')
  t.same(mails.map((m) => m.subject).sort(), [0, 1, 2, 3, 4, 5].map((i) => `Formation reminder ${i}`))
  for (const id of ids) {
    const n = await eventually(async () => {
      const got = (await call('GET', `/notifications/${id}`)).body
      return got.status === 'sent' && got
    }, 15_000, 'sent')
    t.match(n, { status: 'sent', sent_at: String })
  }
  const status = (await call('GET', '/mailer/status')).body
  t.match(status, { broker: 'connected', smtp: /^smtp:\/\/127\.0\.0\.1:\d+$/ })
})
