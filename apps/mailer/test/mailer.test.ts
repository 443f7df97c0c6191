// The mailer against the real local RabbitMQ (a namespace of its own per test) and a real SMTP
// server (the mailbox service).
import { test } from 'tap'
import { join } from 'node:path'
import { freePort, tempDir } from '@platform/stack/testing'
import { closeBrokerConnections, sleep } from '@platform/queue/testing'
import { brokerFor, buildMailer, eventually, startMailbox } from './helper.js'

const mail = (n: number | string) => ({ to: `ada+${n}@example.com`, subject: `Reminder ${n}`, text: `Your event ${n} starts soon.` })

test('a mail on the queue arrives once, with its subject and recipient, and the sender hears it was sent', async (t) => {
  const broker = await brokerFor(t, 'mailer-once')
  const sink = await startMailbox(t)
  const app = await buildMailer(t, broker.namespace, { SMTP_URL: sink.url })
  await broker.mail('n-1', { ...mail(1), html: '<p>Your event 1 starts soon.</p>' })
  const [got] = await eventually(async () => {
    const m = await sink.messages()
    return m.length > 0 && m
  }, 15_000, 'the mail arrived')
  t.match(got, { to: ['ada+1@example.com'], subject: 'Reminder 1', header_message_id: '<n-1@platform.local>' })
  const whole = (await sink.app.inject({ method: 'GET', url: `/mailbox/messages/${got!.message_id}` })).json()
  t.match(whole, { sender: /no-reply@platform\.local/, text: 'Your event 1 starts soon.', html: '<p>Your event 1 starts soon.</p>' })
  const [status] = await eventually(() => broker.statuses().then((s) => s.length > 0 && s), 10_000, 'a status report')
  t.match(status, { message_id: 'n-1', status: 'sent', detail: /^250 / })
  t.ok(!Number.isNaN(Date.parse(status!.at)))
  const page = (await app.inject({ method: 'GET', url: '/mailer/status' })).json()
  t.match(page, { broker: 'connected', smtp: sink.url, deliveries: { sent: 1, failed: 0 }, since_start: { sent: 1 } })
  t.match(page.queues.find((q: { queue: string }) => q.queue === broker.names.mail), { messages: 0, consumers: 1 })
})

test('a message id seen before is not sent again, and its status is reported again', async (t) => {
  const broker = await brokerFor(t, 'mailer-dup')
  const sink = await startMailbox(t)
  const app = await buildMailer(t, broker.namespace, { SMTP_URL: sink.url })
  await broker.mail('same', mail('a'))
  await eventually(async () => (await sink.messages()).length === 1, 15_000, 'first arrives')
  await broker.mail('same', mail('a'))
  await eventually(() => app.mailer.stats.duplicates === 1, 15_000, 'the second is recognised')
  await sleep(300)
  t.equal((await sink.messages()).length, 1, 'one mail, not two')
  const statuses = await eventually(async () => {
    const s = await broker.statuses()
    return s.length === 2 && s
  }, 10_000, 'two reports')
  t.same(statuses.map((s) => s.status), ['sent', 'sent'])
})

test('an SMTP server that is down: tried again after the back-off, dead-lettered after the last try, sent once it is back', async (t) => {
  const broker = await brokerFor(t, 'mailer-down')
  const port = await freePort()
  const app = await buildMailer(t, broker.namespace, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_RETRY_DELAYS_MS: '200,400' })
  await broker.mail('n-down', mail('down'))
  await eventually(async () => (await broker.probe.depth(broker.names.dead)) === 1, 20_000, 'dead-lettered')
  t.match(app.mailer.stats, { retried: 2, failed: 1, sent: 0 }, 'three tries: the first and two retries')
  const [status] = await broker.statuses()
  t.match(status, { message_id: 'n-down', status: 'failed', detail: /ECONNREFUSED|connect/ })

  const sink = await startMailbox(t, { SMTP_PORT: String(port) })
  const requeued = await app.inject({ method: 'POST', url: '/mailer/dead-letters/requeue' })
  t.same(requeued.json(), { requeued: 1 })
  const [got] = await eventually(async () => {
    const m = await sink.messages()
    return m.length > 0 && m
  }, 15_000, 'sent after the requeue')
  t.match(got, { subject: 'Reminder down', to: ['ada+down@example.com'] })
  t.match(await eventually(() => broker.statuses().then((s) => s.length > 0 && s)), [{ status: 'sent' }], 'and the sender hears it was sent after all')
})

test('a server that comes back between tries gets the mail on a retry', async (t) => {
  const broker = await brokerFor(t, 'mailer-back')
  const port = await freePort()
  const app = await buildMailer(t, broker.namespace, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_RETRY_DELAYS_MS: '1500,1500' })
  await broker.mail('n-back', mail('back'))
  await eventually(() => app.mailer.stats.retried === 1, 15_000, 'a first failed try')
  const sink = await startMailbox(t, { SMTP_PORT: String(port) })
  await eventually(async () => (await sink.messages()).length === 1, 15_000, 'sent on the retry')
  t.equal(app.mailer.stats.failed, 0)
  t.equal(await broker.probe.depth(broker.names.dead), 0)
})

test('a refusal (5xx) is not tried again: dead-lettered at once, the sender hears it failed', async (t) => {
  const broker = await brokerFor(t, 'mailer-refused')
  const sink = await startMailbox(t, { MAILBOX_MAX_BYTES: '1024' })
  const app = await buildMailer(t, broker.namespace, { SMTP_URL: sink.url, MAIL_RETRY_DELAYS_MS: '5000,5000' })
  await broker.mail('n-big', { ...mail('big'), text: 'x'.repeat(5000) })
  await eventually(async () => (await broker.probe.depth(broker.names.dead)) === 1, 15_000, 'dead-lettered')
  t.match(app.mailer.stats, { retried: 0, failed: 1 })
  t.match(await broker.statuses(), [{ message_id: 'n-big', status: 'failed', detail: /552/ }])
  t.same(await sink.messages(), [])
})

test('a message that is not a mail is dead-lettered, and the mailer goes on', async (t) => {
  const broker = await brokerFor(t, 'mailer-junk')
  const sink = await startMailbox(t)
  await buildMailer(t, broker.namespace, { SMTP_URL: sink.url })
  await broker.raw('junk', Buffer.from('not json'))
  await broker.mail('n-ok', mail('ok'))
  await eventually(async () => (await sink.messages()).length === 1, 15_000, 'the good one arrives')
  t.equal(await broker.probe.depth(broker.names.dead), 1)
})

test('an account created in the users service gets a welcome mail', async (t) => {
  const broker = await brokerFor(t, 'mailer-welcome')
  const sink = await startMailbox(t)
  await buildMailer(t, broker.namespace, { SMTP_URL: sink.url })
  await broker.userCreated('ada_lovelace', 'ada@example.com')
  await broker.userCreated('ada_lovelace', 'ada@example.com')
  const [got] = await eventually(async () => {
    const m = await sink.messages('ada@example.com')
    return m.length > 0 && m
  }, 15_000, 'the welcome mail')
  t.match(got, { subject: 'Welcome to the Wordle platform, ada_lovelace!', header_message_id: '<welcome.ada_lovelace@platform.local>' })
  await sleep(500)
  t.equal((await sink.messages()).length, 1, 'the same event twice is one welcome')
})

test('connections cut at the broker while mail flows: every mail arrives exactly once', async (t) => {
  const broker = await brokerFor(t, 'mailer-cut')
  const sink = await startMailbox(t)
  await buildMailer(t, broker.namespace, { SMTP_URL: sink.url })
  for (let i = 0; i < 40; i++) await broker.mail(`cut-${i}`, mail(i))
  await eventually(async () => (await sink.messages()).length >= 5, 15_000, 'mail flowing')
  t.ok(await closeBrokerConnections(`${broker.namespace}/mailer@`) >= 1, 'the mailer\'s connection was cut')
  await eventually(async () => (await sink.messages()).length >= 20, 30_000, 'flowing again')
  await closeBrokerConnections(`${broker.namespace}/mailer@`)
  await eventually(async () => (await sink.messages()).length >= 40, 30_000, 'all arrived')
  await sleep(1000)
  const ids = (await sink.messages()).map((m) => m.header_message_id)
  t.equal(ids.length, 40, 'no mail twice')
  t.equal(new Set(ids).size, 40, 'every mail')
})

test('two mailers on one queue and one database send every mail exactly once', async (t) => {
  const broker = await brokerFor(t, 'mailer-two')
  const sink = await startMailbox(t)
  const shared = join(tempDir(t, 'mailers-'), 'mailer.db')
  const a = await buildMailer(t, broker.namespace, { SMTP_URL: sink.url, DATABASE_FILE: shared })
  const b = await buildMailer(t, broker.namespace, { SMTP_URL: sink.url, DATABASE_FILE: shared })
  for (let i = 0; i < 40; i++) await broker.mail(`two-${i}`, mail(i))
  await eventually(async () => (await sink.messages()).length >= 40, 30_000, 'all arrived')
  await sleep(500)
  t.equal((await sink.messages()).length, 40)
  t.ok(a.mailer.stats.sent > 0 && b.mailer.stats.sent > 0, `both worked (${a.mailer.stats.sent} + ${b.mailer.stats.sent})`)
})

test('without the broker the mailer is alive but not ready, and says so', async (t) => {
  const { buildApp } = await import('../src/app.js')
  const { loadMailerConfig } = await import('../src/config.js')
  const app = await buildApp(loadMailerConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: join(tempDir(t, 'mailer-'), 'm.db'), AMQP_URL: 'amqp://guest:guest@127.0.0.1:1', AMQP_NAMESPACE: 'test-nobroker' }))
  t.teardown(() => app.close())
  await app.ready()
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.statusCode, 503)
  t.same(ready.json().failed, ['broker'])
  t.match((await app.inject({ method: 'GET', url: '/mailer/status' })).json(), { broker: 'disconnected', queues: [] })
  t.equal((await app.inject({ method: 'POST', url: '/mailer/dead-letters/requeue' })).json().code, 'MAILER_BROKER_UNAVAILABLE')
})
