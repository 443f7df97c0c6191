// Delivery end to end on the real local RabbitMQ (a namespace per test) and a real SMTP server:
// notifications -> outbox relay -> mail queue -> mailer -> SMTP (the mailbox service), and the
// mailer's report back. Services run in this process; the crash test runs real processes.
import { join } from 'node:path'
import { test, type Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { TEST_AMQP_URL, closeBrokerConnections, eventually, removeMailNamespaceWhenDone, sleep, testNamespace } from '@platform/queue/testing'
import { startServiceProcess, tempDir } from '@platform/stack/testing'
import { buildApp as buildMailbox } from '@platform/mailbox'
import { loadMailboxConfig } from '@platform/mailbox/config'
import { buildApp as buildMailer } from '@platform/mailer'
import { loadMailerConfig } from '@platform/mailer/config'
import { buildTestApp, inSeconds, startEvents, type TestApp } from './helper.js'

interface Received {
  message_id: string
  to: string[]
  subject: string
  header_message_id: string | null
  received_at: string
}

async function platform (t: Test, label: string) {
  const namespace = testNamespace(label)
  removeMailNamespaceWhenDone(namespace, [1000, 2000])
  const events = await startEvents(t)
  const mailbox = await testApp(t, buildMailbox(loadMailboxConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: join(tempDir(t, 'mailbox-'), 'm.db') })))
  await mailbox.ready()
  const mailer = await testApp(t, buildMailer(loadMailerConfig({
    LOG_LEVEL: 'silent',
    DATABASE_FILE: join(tempDir(t, 'mailer-'), 'm.db'),
    AMQP_URL: TEST_AMQP_URL,
    AMQP_NAMESPACE: namespace,
    SMTP_URL: `smtp://127.0.0.1:${mailbox.smtp.port}`,
    MAIL_RETRY_DELAYS_MS: '1000,2000'
  })))
  await mailer.ready()
  const env = { AMQP_URL: TEST_AMQP_URL, AMQP_NAMESPACE: namespace, GATEWAY_URL: events.url, NOTIFICATIONS_LEASE_MS: '2000' }
  const notifications = (extra: Record<string, string> = {}) => buildTestApp(t, { ...env, ...extra })
  const event = await events.createEvent({ title: 'Wordle night' })
  const received = async (): Promise<Received[]> => {
    const res = await mailbox.inject({ method: 'GET', url: '/mailbox/messages?limit=100' })
    if (res.statusCode !== 200) throw new Error(`mailbox answered ${res.statusCode}: ${res.body}`)
    return res.json().messages
  }
  const schedule = async (app: TestApp, sendAt: string, over: Record<string, unknown> = {}) => {
    const res = await app.inject({ method: 'POST', url: '/notifications', payload: { username: 'ada', event_id: event.event_id, email: 'ada@example.com', send_at: sendAt, ...over } })
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`)
    return res.json() as { notification_id: string, send_at: string }
  }
  return { namespace, env, events, mailbox, mailer, notifications, received, schedule }
}

const idOf = (m: Received) => m.header_message_id?.replace(/^<|@platform\.local>$/g, '')

test('a notification set 2 s ahead arrives once, at its time, with its subject and recipient; it ends up sent', async (t) => {
  const p = await platform(t, 'notify-once')
  const app = await p.notifications()
  await app.amqp.waitConnected()
  const n = await p.schedule(app, inSeconds(2), { subject: 'Your Wordle night starts soon', email: 'ada@example.com' })
  t.equal((await app.inject({ method: 'GET', url: `/notifications/${n.notification_id}` })).json().status, 'scheduled')
  const [mail] = await eventually(async () => {
    const m = await p.received()
    return m.length > 0 && m
  }, 20_000, 'the mail')
  t.match(mail, { to: ['ada@example.com'], subject: 'Your Wordle night starts soon' })
  t.equal(idOf(mail!), n.notification_id, 'the mail is this notification')
  t.ok(Date.parse(mail!.received_at) >= Date.parse(n.send_at), 'not before its time')
  t.comment(`received ${Date.parse(mail!.received_at) - Date.parse(n.send_at)} ms after send_at`)
  const done = await eventually(async () => {
    const got = (await app.inject({ method: 'GET', url: `/notifications/${n.notification_id}` })).json()
    return got.status === 'sent' && got
  }, 15_000, 'status sent')
  t.match(done, { status: 'sent', queued_at: String, sent_at: String, detail: /^250 / })
  await sleep(1000)
  t.equal((await p.received()).length, 1, 'once')
})

test('a rescheduled notification arrives at its new time only; a deleted one never', async (t) => {
  const p = await platform(t, 'notify-moved')
  const app = await p.notifications()
  await app.amqp.waitConnected()
  const moved = await p.schedule(app, inSeconds(2), { subject: 'moved' })
  const deleted = await p.schedule(app, inSeconds(2), { subject: 'deleted' })
  const newTime = inSeconds(4)
  t.equal((await app.inject({ method: 'PATCH', url: `/notifications/${moved.notification_id}`, payload: { send_at: newTime } })).statusCode, 200)
  t.equal((await app.inject({ method: 'DELETE', url: `/notifications/${deleted.notification_id}` })).statusCode, 200)
  await sleep(Date.parse(moved.send_at) + 1500 - Date.now())
  t.same(await p.received(), [], 'nothing at the old time')
  const [mail, ...more] = await eventually(async () => {
    const m = await p.received()
    return m.length > 0 && m
  }, 20_000, 'the moved mail')
  t.equal(mail!.subject, 'moved')
  t.ok(Date.parse(mail!.received_at) >= Date.parse(newTime), 'at or after its new time')
  await sleep(1000)
  t.same([...more, ...(await p.received()).slice(1)], [], 'and only it, once')
})

test('a broker connection cut while notifications fall due loses none and sends none twice', async (t) => {
  const p = await platform(t, 'notify-cut')
  const app = await p.notifications()
  await app.amqp.waitConnected()
  const ids = []
  for (let i = 0; i < 20; i++) ids.push((await p.schedule(app, inSeconds(1.5 + i * 0.15), { subject: `n${i}` })).notification_id)
  await sleep(1800)
  t.ok(await closeBrokerConnections(`${p.namespace}/notifications@`) >= 1, 'the service\'s broker connection was cut')
  await sleep(1000)
  await closeBrokerConnections(`${p.namespace}/notifications@`)
  const got = await eventually(async () => {
    const m = await p.received()
    return m.length >= 20 && m
  }, 30_000, 'every mail')
  await sleep(1500)
  const all = await p.received()
  t.equal(all.length, 20, 'no mail twice')
  t.same(new Set(all.map(idOf)), new Set(ids), 'every notification')
  t.ok(got.length > 0)
  await eventually(async () => {
    const page = (await app.inject({ method: 'GET', url: '/notifications?username=ada&limit=100' })).json()
    return page.notifications.every((n: { status: string }) => n.status === 'sent')
  }, 15_000, 'all marked sent')
})

test('with the broker unreachable mail waits in the database; a service that reaches it sends it all, once', async (t) => {
  const p = await platform(t, 'notify-down')
  const file = join(tempDir(t, 'notifications-'), 'shared.db')
  const cut = await p.notifications({ DATABASE_FILE: file, AMQP_URL: 'amqp://guest:guest@127.0.0.1:1' })
  const ns = []
  for (let i = 0; i < 5; i++) ns.push(await p.schedule(cut, inSeconds(1 + i * 0.2)))
  await sleep(2500)
  t.same(await p.received(), [], 'nothing sent while the broker is away')
  const page = (await cut.inject({ method: 'GET', url: '/notifications?username=ada' })).json()
  t.ok(page.notifications.every((n: { status: string }) => n.status === 'scheduled'), 'still scheduled, not lost')
  const up = await p.notifications({ DATABASE_FILE: file })
  await up.amqp.waitConnected()
  await eventually(async () => (await p.received()).length >= 5, 20_000, 'sent once the broker is there')
  await sleep(1000)
  t.equal((await p.received()).length, 5)
})

test('two instances on one database send every notification exactly once', async (t) => {
  const p = await platform(t, 'notify-two')
  const file = join(tempDir(t, 'notifications-'), 'shared.db')
  const a = await p.notifications({ DATABASE_FILE: file })
  const b = await p.notifications({ DATABASE_FILE: file })
  await a.amqp.waitConnected()
  await b.amqp.waitConnected()
  const ids = []
  // Written through both, due at nearly the same moments: both relays race for each one.
  for (let i = 0; i < 30; i++) ids.push((await p.schedule(i % 2 ? a : b, inSeconds(1.5 + (i % 5) * 0.1), { subject: `n${i}` })).notification_id)
  await eventually(async () => (await p.received()).length >= 30, 30_000, 'every mail')
  await sleep(1500)
  const all = await p.received()
  t.equal(all.length, 30, 'none twice')
  t.same(new Set(all.map(idOf)), new Set(ids))
  t.ok(a.relay.stats.published > 0 && b.relay.stats.published > 0, `both relays published (${a.relay.stats.published} + ${b.relay.stats.published})`)
  t.equal(a.relay.stats.published + b.relay.stats.published, 30, 'each notification published once')
})

test('kill -9 of the service while notifications fall due, then a restart: each arrives once', async (t) => {
  const p = await platform(t, 'notify-kill')
  const file = join(tempDir(t, 'notifications-'), 'n.db')
  const env = { ...p.env, DATABASE_FILE: file, NOTIFICATIONS_LEASE_MS: '2000' }
  const first = await startServiceProcess('apps/notifications/src/server.ts', env)
  t.teardown(() => first.kill())
  const ids: string[] = []
  const event = await p.events.createEvent()
  for (let i = 0; i < 30; i++) {
    const res = await fetch(`${first.url}/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', event_id: event.event_id, email: 'ada@example.com', send_at: inSeconds(2 + i * 0.1), subject: `k${i}` })
    })
    t.equal(res.status, 201)
    ids.push(((await res.json()) as { notification_id: string }).notification_id)
  }
  // Kill it while its notifications are falling due (some sent, some claimed, some waiting).
  await eventually(async () => (await p.received()).length >= 5, 20_000, 'mail flowing')
  await first.kill()
  const before = (await p.received()).length
  const second = await startServiceProcess('apps/notifications/src/server.ts', env)
  t.teardown(() => second.stop())
  await eventually(async () => (await p.received()).length >= 30, 30_000, 'every mail after the restart')
  await sleep(1500)
  const all = await p.received()
  t.equal(all.length, 30, 'none twice')
  t.same(new Set(all.map(idOf)), new Set(ids), 'none lost')
  t.comment(`${before} arrived before the kill, ${30 - before} after the restart`)
})
