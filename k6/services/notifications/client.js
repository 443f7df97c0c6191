// The notifications service as a client uses it; each call checks the body it gets.
import { sleep } from 'k6'
import { get, post, request, bodyOf, encode } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { UUID } from '../stats/client.js'

export const ROUTES = {
  create: 'POST /notifications',
  list: 'GET /notifications',
  get: 'GET /notifications/{notification_id}',
  update: 'PATCH /notifications/{notification_id}',
  delete: 'DELETE /notifications/{notification_id}'
}

const STATUSES = ['scheduled', 'queued', 'sent', 'failed']
const isNotification = (b) =>
  UUID.test(b.notification_id) && UUID.test(b.event_id) && typeof b.email === 'string' && typeof b.subject === 'string' &&
  typeof b.body === 'string' && !Number.isNaN(Date.parse(b.send_at)) && STATUSES.includes(b.status)

const sameInstant = (a, b) => Date.parse(a) === Date.parse(b)

export function createNotification (draft) {
  const res = post('/notifications', draft, { name: ROUTES.create })
  const ok = expectJson(res, 'create notification', 201, {
    'is the notification, scheduled': (b) => isNotification(b) && b.status === 'scheduled' && b.username === draft.username &&
      b.event_id === draft.event_id && b.email === draft.email && sameInstant(b.send_at, draft.send_at) && b.sent_at === null,
    'Location names it': (b, r) => r.headers.Location === `/notifications/${b.notification_id}`
  })
  return ok ? bodyOf(res) : undefined
}

export function getNotification (expected, label = 'get notification') {
  const res = get(`/notifications/${expected.notification_id}`, { name: ROUTES.get })
  const ok = expectJson(res, label, 200, {
    'is the notification': (b) => isNotification(b) && b.notification_id === expected.notification_id && b.email === expected.email &&
      sameInstant(b.send_at, expected.send_at)
  })
  return ok ? bodyOf(res) : undefined
}

export function listNotifications (username, expectedIds) {
  const res = get(`/notifications?username=${encode(username)}&limit=100`, { name: ROUTES.list })
  return expectJson(res, 'list notifications', 200, {
    'the user\'s, in send order': (b) => Array.isArray(b.notifications) && b.notifications.every((n, i) =>
      n.username === username && (i === 0 || Date.parse(b.notifications[i - 1].send_at) <= Date.parse(n.send_at))),
    'all of them': (b) => !expectedIds || expectedIds.every((id) => b.notifications.some((n) => n.notification_id === id))
  })
}

export function updateNotification (n, change) {
  const res = request('PATCH', `/notifications/${n.notification_id}`, change, { name: ROUTES.update, as: n.username })
  const ok = expectJson(res, 'reschedule notification', 200, {
    'has the change': (b) => b.notification_id === n.notification_id && b.status === 'scheduled' &&
      (!change.send_at || sameInstant(b.send_at, change.send_at)) && (!change.email || b.email === change.email)
  })
  return ok ? bodyOf(res) : undefined
}

export function deleteNotification (n) {
  const res = request('DELETE', `/notifications/${n.notification_id}`, undefined, { name: ROUTES.delete, as: n.username })
  return expectJson(res, 'delete notification', 200, { 'answers it': (b) => b.notification_id === n.notification_id })
}

/** Reads it every half second until its status is one of `statuses` (or `tries` run out); returns it. */
export function waitForStatus (n, statuses, tries = 40) {
  for (let i = 0; i < tries; i++) {
    const res = get(`/notifications/${n.notification_id}`, { name: ROUTES.get })
    const b = bodyOf(res)
    if (b && statuses.includes(b.status)) return b
    sleep(0.5)
  }
  return undefined
}
