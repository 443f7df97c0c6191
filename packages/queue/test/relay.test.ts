// The outbox relay against the real local RabbitMQ, every queue named for this test run.
import { join } from 'node:path'
import { test, type Test } from 'tap'
import type { ConsumeMessage } from 'amqplib'
import { openDatabase } from '@platform/sqlite'
import { AmqpConnection } from '../src/connection.js'
import { createOutbox, OUTBOX_TABLE_SQL } from '../src/outbox.js'
import { OutboxRelay } from '../src/relay.js'
import { QueueProbe, TEST_AMQP_URL, closeBrokerConnections, eventually, removeWhenDone, testNamespace } from '../src/testing.js'

async function setUp (t: Test, label: string) {
  const ns = testNamespace(label)
  const queue = `${ns}.q`
  const file = join(t.testdir(), 'outbox.db')
  const db = openDatabase(file)
  db.exec(OUTBOX_TABLE_SQL)
  db.exec('CREATE TABLE sent (id TEXT PRIMARY KEY)')
  const probe = await QueueProbe.open()
  removeWhenDone({ queues: [queue] })
  const received: ConsumeMessage[] = []
  const consumer = new AmqpConnection({ url: TEST_AMQP_URL, name: `${ns}/consumer` })
  consumer.use(async (ch) => {
    await ch.assertQueue(queue, { durable: true })
    await ch.consume(queue, (m) => {
      if (!m) return
      received.push(m)
      ch.ack(m)
    })
  })
  consumer.start()
  await consumer.waitConnected()
  const relays: OutboxRelay[] = []
  const connections: AmqpConnection[] = [consumer]
  t.teardown(async () => {
    for (const r of relays) await r.stop()
    for (const c of connections) await c.close()
    await probe.close()
    db.close()
  })
  const outbox = createOutbox(db)
  /** A relay on its own connection (and its own database handle, as another process would have). */
  const relay = (name: string, url = TEST_AMQP_URL) => {
    const connection = new AmqpConnection({ url, name: `${ns}/${name}`, initialDelayMs: 50, maxDelayMs: 500 })
    connection.use(async (ch) => {
      await ch.assertQueue(queue, { durable: true })
    })
    connections.push(connection)
    const ownDb = openDatabase(file)
    t.teardown(() => ownDb.close())
    const markSent = ownDb.prepare('INSERT INTO sent VALUES (?)')
    const r = new OutboxRelay({ outbox: createOutbox(ownDb), connection, owner: name, pollMs: 50, onPublished: (id) => markSent.run(id) })
    relays.push(r)
    connection.start()
    r.start()
    return { relay: r, connection }
  }
  const add = (id: string, dueAt?: number) => outbox.add({ messageId: id, exchange: '', routingKey: queue, body: { id }, type: 'test' }, dueAt)
  const ids = () => received.map((m) => m.properties.messageId as string)
  return { ns, queue, db, outbox, relay, add, received, ids, sentIds: () => db.prepare('SELECT id FROM sent ORDER BY id').pluck().all() as string[] }
}

test('every message in the outbox reaches the queue once and leaves the outbox', async (t) => {
  const s = await setUp(t, 'relay-once')
  const wanted = Array.from({ length: 50 }, (_, i) => `m${String(i).padStart(2, '0')}`)
  for (const id of wanted) s.add(id)
  s.relay('r1')
  await eventually(() => s.outbox.size() === 0 && s.received.length >= 50, 15_000, 'all published')
  t.same(s.ids().sort(), wanted, 'each exactly once')
  t.same(s.sentIds(), wanted, 'the service heard of each confirm, in the same transaction')
  t.same(JSON.parse(s.received[0]!.content.toString()), { id: s.ids()[0] })
  t.equal(s.received[0]!.properties.type, 'test')
})

test('a message is not published before it is due', async (t) => {
  const s = await setUp(t, 'relay-due')
  const dueAt = Date.now() + 700
  s.add('later', dueAt)
  s.add('now')
  s.relay('r1')
  await eventually(() => s.received.length === 2, 15_000, 'both published')
  t.same(s.ids(), ['now', 'later'])
  const publishedAt = s.received[1]!.properties.timestamp as number
  t.ok(publishedAt * 1000 >= Math.floor(dueAt / 1000) * 1000, 'published at or after its time')
  t.comment(`published ${Date.now() - dueAt} ms after due (consumer side)`)
})

test('with the broker unreachable nothing is claimed or lost; a relay with a broker publishes it all', async (t) => {
  const s = await setUp(t, 'relay-down')
  for (let i = 0; i < 20; i++) s.add(`m${i}`)
  s.relay('down', 'amqp://guest:guest@127.0.0.1:1')
  await new Promise((resolve) => setTimeout(resolve, 500))
  t.equal(s.outbox.size(), 20, 'still in the outbox')
  t.same(s.outbox.claim('probe', { leaseMs: 1, limit: 100, now: 0 }), [], 'and not claimed by the relay that has no broker')
  s.relay('up')
  await eventually(() => s.outbox.size() === 0 && s.received.length >= 20, 15_000, 'all published')
  t.equal(new Set(s.ids()).size, 20)
})

test('connections cut at the broker mid-run lose no message', async (t) => {
  const s = await setUp(t, 'relay-cut')
  s.relay('r1')
  let n = 0
  const writer = setInterval(() => {
    if (n < 300) s.add(`m${n++}`)
  }, 5)
  t.teardown(() => clearInterval(writer))
  await eventually(() => n >= 60, 10_000, 'writing')
  t.ok(await closeBrokerConnections(`${s.ns}/r1`) >= 1, 'the relay\'s connection was cut')
  await eventually(() => n >= 200, 10_000, 'writing')
  t.ok(await closeBrokerConnections(`${s.ns}/r1`) >= 1, 'and cut again')
  await eventually(() => n === 300 && s.outbox.size() === 0, 30_000, 'everything published')
  await eventually(() => new Set(s.ids()).size === 300, 10_000, 'everything received')
  t.equal(new Set(s.ids()).size, 300, 'every message arrived')
  t.comment(`${s.received.length - 300} duplicates (published again after a cut before its confirm)`)
})

test('two relays on one database publish every message exactly once', async (t) => {
  const s = await setUp(t, 'relay-two')
  s.relay('a')
  s.relay('b')
  const wanted = Array.from({ length: 400 }, (_, i) => `m${i}`)
  for (const id of wanted) s.add(id, Date.now() + 300)
  await eventually(() => s.outbox.size() === 0 && s.received.length >= 400, 20_000, 'all published')
  await new Promise((resolve) => setTimeout(resolve, 200))
  t.equal(s.received.length, 400, 'no duplicate')
  t.same(new Set(s.ids()), new Set(wanted))
})
