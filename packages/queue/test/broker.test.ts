// Against the real local RabbitMQ (AMQP_URL): every queue is named for this test run.
import { test } from 'tap'
import { AmqpConnection } from '../src/connection.js'
import { publishConfirmed, UnroutableError } from '../src/publish.js'
import { QueueProbe, TEST_AMQP_URL, closeBrokerConnections, eventually, removeWhenDone, testNamespace } from '../src/testing.js'

test('a confirmed publish is in the queue when it resolves, with its properties', async (t) => {
  const ns = testNamespace('publish')
  const probe = await QueueProbe.open()
  removeWhenDone({ queues: [`${ns}.q`] })
  t.teardown(() => probe.close())
  const conn = new AmqpConnection({ url: TEST_AMQP_URL, name: `${ns}/a` })
  conn.use(async (ch) => {
    await ch.assertQueue(`${ns}.q`, { durable: true })
  })
  conn.start()
  t.teardown(() => conn.close())
  const ch = await conn.waitConnected()
  await publishConfirmed(ch, { exchange: '', routingKey: `${ns}.q`, body: { hello: 'world' }, messageId: 'm1', type: 'greeting', replyTo: 'back', headers: { 'x-attempt': 1 } })
  t.same(await conn.inspect([`${ns}.q`, `${ns}.missing`]), [
    { queue: `${ns}.q`, messages: 1, consumers: 0 },
    { queue: `${ns}.missing`, messages: null, consumers: null }
  ], 'inspect: depth of each queue, nulls for a missing one')
  t.ok(conn.connected, 'a missing queue does not break the connection')
  const [msg, ...rest] = await probe.drain(`${ns}.q`)
  t.equal(rest.length, 0)
  t.same(JSON.parse(msg!.content.toString()), { hello: 'world' })
  t.match(msg!.properties, { messageId: 'm1', type: 'greeting', replyTo: 'back', contentType: 'application/json', deliveryMode: 2, headers: { 'x-attempt': 1 } })
})

test('a mandatory message no queue takes is refused, not counted as published', async (t) => {
  const ns = testNamespace('unroutable')
  const probe = await QueueProbe.open()
  const conn = new AmqpConnection({ url: TEST_AMQP_URL, name: `${ns}/a` })
  conn.use(async (ch) => {
    await ch.assertExchange(`${ns}.x`, 'topic', { durable: false, autoDelete: false })
  })
  conn.start()
  removeWhenDone({ queues: [`${ns}.bound`], exchanges: [`${ns}.x`] })
  t.teardown(async () => {
    await conn.close()
    await probe.close()
  })
  const ch = await conn.waitConnected()
  await t.rejects(publishConfirmed(ch, { exchange: `${ns}.x`, routingKey: 'a.b', body: {}, messageId: 'lost', mandatory: true }), UnroutableError)
  await probe.assertQueue(`${ns}.bound`)
  await ch.bindQueue(`${ns}.bound`, `${ns}.x`, 'a.*')
  await publishConfirmed(ch, { exchange: `${ns}.x`, routingKey: 'a.b', body: {}, messageId: 'kept', mandatory: true })
  t.equal(await probe.depth(`${ns}.bound`), 1)
})

test('a connection the broker closes comes back by itself and runs its setups again', async (t) => {
  const ns = testNamespace('reconnect')
  const probe = await QueueProbe.open()
  const conn = new AmqpConnection({ url: TEST_AMQP_URL, name: `${ns}/a`, initialDelayMs: 50 })
  let setups = 0
  const received: string[] = []
  conn.use(async (ch) => {
    setups++
    await ch.assertQueue(`${ns}.q`, { durable: true })
    await ch.consume(`${ns}.q`, (m) => {
      if (!m) return
      received.push(m.content.toString())
      ch.ack(m)
    })
  })
  conn.start()
  removeWhenDone({ queues: [`${ns}.q`] })
  t.teardown(async () => {
    await conn.close()
    await probe.close()
  })
  await conn.waitConnected()
  t.equal(setups, 1)
  const lost = new Promise((resolve) => conn.once('disconnect', resolve))
  t.equal(await closeBrokerConnections(`${ns}/`), 1, 'only this test\'s connection is closed')
  await lost
  t.equal(conn.connected, false, 'no channel while disconnected')
  const ch = await conn.waitConnected()
  t.equal(setups, 2, 'setup ran again on the new connection')
  await publishConfirmed(ch, { exchange: '', routingKey: `${ns}.q`, body: Buffer.from('after'), messageId: 'm' })
  await eventually(() => received.includes('after'), 10_000, 'the consumer is back')
  t.pass('the consumer receives again')
})

test('a broker that cannot be reached leaves the service running and disconnected', async (t) => {
  const conn = new AmqpConnection({ url: 'amqp://guest:guest@127.0.0.1:1', name: 'unreachable', initialDelayMs: 20, maxDelayMs: 50 })
  conn.start()
  await new Promise((resolve) => setTimeout(resolve, 300))
  t.equal(conn.connected, false)
  await t.rejects(conn.waitConnected(100))
  await conn.close()
})

test('an empty url never connects', async (t) => {
  const conn = new AmqpConnection({ url: '', name: 'off' })
  conn.start()
  t.equal(conn.enabled, false)
  t.equal(conn.connected, false)
  await conn.close()
})
