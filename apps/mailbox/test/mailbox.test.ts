import { test } from 'tap'
import { buildTestApp, mailTo } from './helper.js'

test('a message sent over SMTP is accepted, then listed and readable whole', async (t) => {
  const app = await buildTestApp(t)
  const send = mailTo(app)
  const info = await send({ to: 'Ada <ada@example.com>', subject: 'Your event starts soon', text: 'Wordle night at 18:00.', html: '<p>Wordle night at <b>18:00</b>.</p>', messageId: '<n1@platform.test>' })
  t.match(info.response, /^250 /, 'the SMTP server said 250')
  t.same(info.accepted, ['ada@example.com'])

  const list = await app.inject({ method: 'GET', url: '/mailbox/messages' })
  t.equal(list.statusCode, 200)
  const [summary, ...rest] = list.json().messages
  t.equal(rest.length, 0)
  t.match(summary, { from: 'no-reply@platform.test', to: ['ada@example.com'], subject: 'Your event starts soon', header_message_id: '<n1@platform.test>' })
  const one = await app.inject({ method: 'GET', url: `/mailbox/messages/${summary.message_id}` })
  t.match(one.json(), { ...summary, sender: '"Platform" <no-reply@platform.test>', recipients: '"Ada" <ada@example.com>', text: 'Wordle night at 18:00.', html: '<p>Wordle night at <b>18:00</b>.</p>' })
})

test('?to= keeps what one address received, whatever its letter case, newest first and paged', async (t) => {
  const app = await buildTestApp(t)
  const send = mailTo(app)
  await send({ to: 'ada@example.com', subject: 'one' })
  await send({ to: ['bob@example.com', 'Ada@Example.com'], subject: 'two' })
  await send({ to: 'bob@example.com', subject: 'three' })
  const subjects = async (q: string) => (await app.inject({ method: 'GET', url: `/mailbox/messages?${q}` })).json()
  t.same((await subjects('to=ada@example.com')).messages.map((m: { subject: string }) => m.subject), ['two', 'one'])
  t.same((await subjects('to=BOB@example.com')).messages.map((m: { subject: string }) => m.subject), ['three', 'two'])
  const first = await subjects('limit=2')
  t.same(first.messages.map((m: { subject: string }) => m.subject), ['three', 'two'])
  t.same((await subjects(`limit=2&before=${first.next}`)).messages.map((m: { subject: string }) => m.subject), ['one'])
  t.equal((await app.inject({ method: 'GET', url: '/mailbox/messages?to=nobody' })).statusCode, 400)
  t.equal((await app.inject({ method: 'GET', url: '/mailbox/messages?limit=101' })).statusCode, 400)
})

test('DELETE /mailbox/messages empties it; an unknown message is a 404', async (t) => {
  const app = await buildTestApp(t)
  await mailTo(app)({ to: 'ada@example.com', subject: 'x' })
  t.same((await app.inject({ method: 'DELETE', url: '/mailbox/messages' })).json(), { deleted: 1 })
  t.same((await app.inject({ method: 'GET', url: '/mailbox/messages' })).json().messages, [])
  const missing = await app.inject({ method: 'GET', url: '/mailbox/messages/3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59' })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().code, 'MAILBOX_MESSAGE_NOT_FOUND')
})

test('a message over the size limit is refused at SMTP and not kept', async (t) => {
  const app = await buildTestApp(t, { MAILBOX_MAX_BYTES: '2048' })
  const refused = await mailTo(app)({ to: 'ada@example.com', subject: 'big', text: 'x'.repeat(10_000) }).catch((err: { responseCode?: number }) => err)
  t.equal((refused as { responseCode?: number }).responseCode, 552, 'refused with 552')
  t.same((await app.inject({ method: 'GET', url: '/mailbox/messages' })).json().messages, [])
})

test('only the newest MAILBOX_KEEP messages are kept', async (t) => {
  const app = await buildTestApp(t, { MAILBOX_KEEP: '2' })
  const send = mailTo(app)
  for (const subject of ['a', 'b', 'c']) await send({ to: 'ada@example.com', subject })
  t.same((await app.inject({ method: 'GET', url: '/mailbox/messages?to=ada@example.com' })).json().messages.map((m: { subject: string }) => m.subject), ['c', 'b'])
})

test('GET /mailbox/smtp says where to send, and /mailbox/inbox shows the mail to a person, escaped', async (t) => {
  const app = await buildTestApp(t)
  const smtp = (await app.inject({ method: 'GET', url: '/mailbox/smtp' })).json()
  t.same(smtp, { host: '127.0.0.1', port: app.smtp.port, url: `smtp://127.0.0.1:${app.smtp.port}` })
  t.ok(smtp.port > 0)
  await mailTo(app)({ to: 'ada@example.com', subject: 'Hello <script>', text: 'a & b' })
  const page = await app.inject({ method: 'GET', url: '/mailbox/inbox' })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /text\/html/)
  t.match(page.body, /Hello &#60;script&#62;/)
  t.match(page.body, /a &#38; b/)
  t.notMatch(page.body, /<script>/)
})
