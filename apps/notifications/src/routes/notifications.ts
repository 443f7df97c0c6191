import { actingUserGuard, cursorParser, encodeCursor, errorResponses, parseInstant, upstream, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { EventNotFound, NotificationNotFound, SendAtPast } from '../errors.js'
import { ListQuery, NewNotification, Notification, NotificationChange, NotificationPage, NotificationParams } from '../schemas.js'

const tags = ['notifications']
const actingAs = actingUserGuard('notifications')
const pageKey = cursorParser('notifications')

interface EventBody {
  title: string
  starts_at: string
  place: { name: string }
}

/** send_at as ms, refused unless it is still to come. */
function future (value: string): number {
  const ms = parseInstant(value)!.ms
  if (ms <= Date.now()) throw new SendAtPast('body/send_at')
  return ms
}

const notificationsRoutes: FastifyPluginAsyncTypebox<{ gatewayUrl: string }> = async (app, opts) => {
  const events = upstream('notifications', opts.gatewayUrl)

  app.post('/notifications', {
    schema: {
      tags,
      summary: 'Schedule a mail about an event',
      description:
        'The event must exist (asked of the events service). At `send_at` the mail is handed to the mailer, once; ' +
        '`status` then moves to queued, and sent or failed as the mailer reports. Through the gateway, `username` ' +
        'must be the token\'s user. Answers 201 with `Location: /notifications/{notification_id}`.',
      body: NewNotification,
      response: { 201: Notification, ...errorResponses(400, 403, 404, 413, 415, 503) }
    }
  }, async (request, reply) => {
    const body = request.body
    actingAs(request, body.username)
    const sendAt = future(body.send_at)
    const event = await events.get<EventBody>(`/events/${body.event_id}`, request)
    // 404, or any other refusal of an id the schema let through: there is no such event to mail about.
    if (event.status !== 200) throw new EventNotFound(body.event_id)
    const e = event.body
    const notification = app.notifications.create({
      username: body.username,
      eventId: body.event_id,
      email: body.email,
      sendAt,
      subject: body.subject ?? `Reminder: ${e.title}`,
      body: body.body ?? `${e.title}\n\nStarts ${e.starts_at} at ${e.place.name}.\n`
    })
    app.relay.wake()
    return reply.code(201).header('location', `/notifications/${notification.notification_id}`).send(notification)
  })

  app.get('/notifications', {
    schema: {
      tags,
      summary: 'A user\'s notifications, in send order',
      querystring: ListQuery,
      response: { 200: NotificationPage, ...errorResponses(400) }
    }
  }, async (request) => {
    const { username, limit, after } = request.query
    const page = app.notifications.list(username, limit, pageKey(after))
    return { notifications: page.notifications, next: page.next && encodeCursor(page.next) }
  })

  app.get('/notifications/:notification_id', {
    schema: {
      tags,
      summary: 'One notification, with its status',
      params: NotificationParams,
      response: { 200: Notification, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const n = app.notifications.get(request.params.notification_id)
    if (!n) throw new NotificationNotFound(request.params.notification_id)
    return n
  })

  app.patch('/notifications/:notification_id', {
    schema: {
      tags,
      summary: 'Reschedule it, or send it to another address',
      description:
        'Only while it is scheduled and not yet due: once it is being handed to the mailer, queued or sent, the ' +
        'answer is 409. A rescheduled notification goes out at its new time only. Through the gateway, only its user may change it.',
      params: NotificationParams,
      body: NotificationChange,
      response: { 200: Notification, ...errorResponses(400, 403, 404, 409, 413, 415) }
    }
  }, async (request) => {
    const { send_at: sendAt, email } = request.body
    const n = app.notifications.update(
      request.params.notification_id,
      { ...(sendAt === undefined ? {} : { sendAt: future(sendAt) }), ...(email === undefined ? {} : { email }) },
      (username) => actingAs(request, username)
    )
    if (!n) throw new NotificationNotFound(request.params.notification_id)
    app.relay.wake()
    return n
  })

  app.delete('/notifications/:notification_id', {
    schema: {
      tags,
      summary: 'Delete a notification',
      description:
        'Answers 200 with it as it was. A scheduled notification deleted before it is due is never sent. Through the ' +
        'gateway, only its user may delete it.',
      params: NotificationParams,
      response: { 200: Notification, ...errorResponses(400, 403, 404) }
    }
  }, async (request) => {
    const n = app.notifications.delete(request.params.notification_id, (username) => actingAs(request, username))
    if (!n) throw new NotificationNotFound(request.params.notification_id)
    return n
  })
}

export default notificationsRoutes
