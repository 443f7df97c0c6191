// users.created: written with the account in one transaction, published through the outbox.
import { test } from 'tap'
import { mailNames, USER_CREATED } from '@platform/queue'
import { QueueProbe, TEST_AMQP_URL, eventually, removeWhenDone, testNamespace } from '@platform/queue/testing'
import { PASSWORD, buildTestApp, createUser } from './helper.js'

test('creating an account writes its users.created event in the same transaction; a refused one writes none', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'ada', 'ada@example.com')
  const [event] = app.users.outbox.claim('test', { leaseMs: 1000, limit: 10 })
  t.match(event, { messageId: 'users.created.ada', routingKey: USER_CREATED, type: USER_CREATED, mandatory: true })
  t.match(JSON.parse(event!.body.toString()), { username: 'ada', email: 'ada@example.com', created_at: String })
  const taken = await app.inject({ method: 'POST', url: '/users', payload: { username: 'ADA', email: 'other@example.com', password: PASSWORD } })
  t.equal(taken.statusCode, 409)
  t.equal(app.users.outbox.size(), 1, 'no event for the account not created')
})

test('with the broker: the event reaches the queues bound to users.created, and only once a queue is bound', async (t) => {
  const namespace = testNamespace('users-created')
  const names = mailNames(namespace)
  const queue = `${namespace}.test.users-created`
  const probe = await QueueProbe.open()
  removeWhenDone({ queues: [queue], exchanges: [names.events] })
  t.teardown(() => probe.close())
  const app = await buildTestApp(t, { AMQP_URL: TEST_AMQP_URL, AMQP_NAMESPACE: namespace })
  await app.ready()
  await app.amqp.waitConnected()
  await createUser(app, 'early', 'early@example.com')
  await eventually(() => app.relay.stats.failed > 0, 10_000, 'a first try')
  t.equal(app.users.outbox.size(), 1, 'no queue takes it yet: it stays in the outbox')

  await probe.assertQueue(queue)
  const ch = app.amqp.channel!
  await ch.bindQueue(queue, names.events, USER_CREATED)
  await createUser(app, 'ada', 'ada@example.com')
  // The first event comes out again after its back-off (1 s).
  await eventually(async () => (await probe.depth(queue)) === 2, 15_000, 'both events in the queue')
  const got = await probe.drain(queue)
  t.same(got.map((m) => m.properties.messageId).sort(), ['users.created.ada', 'users.created.early'])
  const ada = got.find((m) => m.properties.messageId === 'users.created.ada')!
  t.match(JSON.parse(ada.content.toString()), { username: 'ada', email: 'ada@example.com' })
  t.equal(ada.properties.type, USER_CREATED)
  t.equal(app.users.outbox.size(), 0)
})
