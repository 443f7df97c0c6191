// Notifications service: smoke (every endpoint once, and one mail followed until it is sent),
// negative cases, and its part of the user journey.
import { check, group } from 'k6'
import exec from 'k6/execution'
import { uniqueName } from '../../lib/data.js'
import { get, bodyOf, encode, CLIENT_ERROR } from '../../lib/http.js'
import { expectClientError } from '../../lib/checks.js'
import { runCases } from '../../lib/negative.js'
import { createEvent } from '../events/client.js'
import { createNotification, getNotification, listNotifications, updateNotification, deleteNotification, waitForStatus } from './client.js'

const inSeconds = (s) => new Date(Date.now() + s * 1000).toISOString()

function anEvent (createdBy) {
  return createEvent({
    title: 'Wordle night',
    description: 'A reminder target.',
    topic: 'wordle',
    starts_at: inSeconds(7 * 86400),
    place: { name: 'Café Lumière, Paris', lat: 48.8566, lon: 2.3522 },
    created_by: createdBy
  })
}

export function smoke () {
  group('notifications', () => {
    const username = uniqueName('k6smoke')
    const event = anEvent(username)
    if (!event) return
    const email = `${username}@example.com`
    const later = createNotification({ username, event_id: event.event_id, email, send_at: inSeconds(3600) })
    const soon = createNotification({ username, event_id: event.event_id, email, send_at: inSeconds(1), subject: `Soon: ${username}` })
    if (!later || !soon) return
    getNotification(later)
    listNotifications(username, [later.notification_id, soon.notification_id])
    updateNotification(later, { send_at: inSeconds(7200), email: `moved-${email}` })
    deleteNotification(later)
    expectClientError(get(`/notifications/${later.notification_id}`, { name: 'GET /notifications/{notification_id}', expect: CLIENT_ERROR }), 'deleted notification is gone', 404, 'NOTIFICATIONS_NOTIFICATION_NOT_FOUND')
    // The whole way: outbox -> broker -> mailer -> SMTP -> the mailer's report.
    const done = waitForStatus(soon, ['sent', 'failed'])
    check(done, { 'notification due in 1 s: sent': (b) => !!b && b.status === 'sent' && !!b.sent_at && !!b.queued_at })
    const inbox = bodyOf(get(`/mailbox/messages?to=${encode(email)}`, { name: 'GET /mailbox/messages' }))
    check(inbox, { 'notification due in 1 s: in the mailbox once': (b) => !!b && b.messages.filter((m) => m.subject === `Soon: ${username}`).length === 1 })
  })
}

export const negative = {
  setup () {
    const username = uniqueName('k6neg')
    const event = anEvent(username)
    if (!event) throw new Error('notifications negative setup: could not create an event')
    const email = `${username}@example.com`
    const victim = createNotification({ username, event_id: event.event_id, email, send_at: inSeconds(3600) })
    const gone = createNotification({ username, event_id: event.event_id, email, send_at: inSeconds(1) })
    if (!victim || !gone) throw new Error('notifications negative setup: could not create notifications')
    // Once it is on its way it cannot be changed: wait until the mailer has it.
    waitForStatus(gone, ['queued', 'sent', 'failed'])
    return { username, event, victim, gone }
  },
  run ({ username, event, victim, gone }) {
    const good = { username, event_id: event.event_id, email: `${username}@example.com`, send_at: inSeconds(3600) }
    const bad = (label, body, status = 400, code) => ({ method: 'POST', path: '/notifications', label: `notifications: ${label}`, body, status, code })
    const patch = (n, label, body, status = 400, code) => ({ method: 'PATCH', path: `/notifications/${n.notification_id}`, label: `notifications: patch ${label}`, body, status, code, as: n.username })
    group('notifications: bogus requests', () =>
      runCases([
        bad('malformed JSON', '{"username":'),
        ...['username', 'event_id', 'email', 'send_at'].map((k) => bad(`missing ${k}`, { ...good, [k]: undefined })),
        bad('unknown event', { ...good, event_id: '00000000-0000-4000-8000-000000000000' }, 404, 'NOTIFICATIONS_EVENT_NOT_FOUND'),
        bad('send_at in the past', { ...good, send_at: inSeconds(-60) }, 400, 'NOTIFICATIONS_SEND_AT_PAST'),
        bad('send_at a date only', { ...good, send_at: '2030-01-01' }),
        bad('not an email', { ...good, email: 'not-an-email' }),
        bad('blank subject', { ...good, subject: '   ' }),
        bad('status given', { ...good, status: 'sent' }),
        bad('bad username', { ...good, username: 'a b' }),
        bad('huge body', JSON.stringify({ ...good, body: 'x'.repeat(1 << 20) }), 413),
        patch(victim, 'empty', {}),
        patch(victim, 'the past', { send_at: inSeconds(-60) }, 400, 'NOTIFICATIONS_SEND_AT_PAST'),
        patch(victim, 'unknown field', { subject: 'changed' }),
        patch(gone, 'once on its way', { send_at: inSeconds(600) }, 409, 'NOTIFICATIONS_NOT_SCHEDULED'),
        { method: 'GET', path: '/notifications', label: 'notifications: list without username', status: 400 },
        { method: 'GET', path: '/notifications?username=a&limit=0', label: 'notifications: limit 0', status: 400 },
        { method: 'GET', path: '/notifications?username=a&after=AAAA', label: 'notifications: forged cursor', status: 400 },
        { method: 'GET', path: '/notifications/not-a-uuid', label: 'notifications: malformed id', status: 400 },
        { method: 'GET', path: '/notifications/00000000-0000-4000-8000-000000000000', label: 'notifications: unknown id', status: 404, code: 'NOTIFICATIONS_NOTIFICATION_NOT_FOUND' },
        { method: 'DELETE', path: '/notifications/00000000-0000-4000-8000-000000000000', label: 'notifications: delete unknown', status: 404, code: 'NOTIFICATIONS_NOTIFICATION_NOT_FOUND' }
      ])
    )
    group('notifications: data unchanged afterwards', () => getNotification(victim))
  }
}

// The journey's notifications part: now and then a reminder for a week ahead, and a look at one's list.
let mine
export function journey () {
  const roll = Math.random()
  if (!mine) {
    const username = uniqueName('k6load', exec.vu.idInTest)
    const event = anEvent(username)
    mine = event && { username, event }
    return
  }
  if (roll < 0.03) {
    createNotification({ username: mine.username, event_id: mine.event.event_id, email: `${mine.username}@example.com`, send_at: inSeconds(7 * 86400) })
  } else if (roll < 0.08) {
    listNotifications(mine.username)
  }
}
