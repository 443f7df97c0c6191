import { errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { BrokerUnavailable } from '../errors.js'
import { Requeued, RequeueQuery, Status } from '../schemas.js'

const tags = ['mailer']

const statusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/mailer/status', {
    schema: {
      tags,
      summary: 'What the mailer is doing: broker, SMTP server, queue depths, deliveries',
      response: { 200: Status }
    }
  }, async () => ({
    broker: app.amqp.connected ? 'connected' as const : 'disconnected' as const,
    smtp: app.mailer.sender.url ?? null,
    queues: (await app.amqp.inspect(app.mailer.queues)) ?? [],
    deliveries: app.deliveries.counts(),
    since_start: app.mailer.stats
  }))

  app.post('/mailer/dead-letters/requeue', {
    schema: {
      tags,
      summary: 'Send dead-lettered mail back for another round of tries',
      description:
        'Moves up to `limit` messages from the dead-letter queue back to the queue they died in, with their tries ' +
        'counted from one again (once the cause is fixed: the SMTP server is back, an address corrected upstream).',
      querystring: RequeueQuery,
      response: { 200: Requeued, ...errorResponses(400, 503) }
    }
  }, async (request) => {
    if (!app.amqp.connected) throw new BrokerUnavailable()
    return { requeued: await app.mailer.requeueDead(request.query.limit) }
  })
}

export default statusRoutes
