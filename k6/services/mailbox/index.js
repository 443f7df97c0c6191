// Mailbox (the development SMTP sink): what a person reads. DELETE /mailbox/messages is left
// out on purpose: it would empty the mailbox under the other users of the run.
import { check, group } from 'k6'
import { get, encode } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { runCases } from '../../lib/negative.js'
import { UUID } from '../stats/client.js'

export function smoke () {
  group('mailbox', () => {
    expectJson(get('/mailbox/smtp', { name: 'GET /mailbox/smtp' }), 'mailbox smtp', 200, {
      'says where to send': (b) => Number.isInteger(b.port) && b.port > 0 && b.url === `smtp://${b.host}:${b.port}`
    })
    const list = get('/mailbox/messages?limit=5', { name: 'GET /mailbox/messages' })
    expectJson(list, 'mailbox messages', 200, {
      'a page of mail': (b) => Array.isArray(b.messages) && b.messages.length <= 5 && b.messages.every((m) => UUID.test(m.message_id) && Array.isArray(m.to))
    })
    const first = JSON.parse(list.body || '{}').messages?.[0]
    if (first) {
      expectJson(get(`/mailbox/messages/${first.message_id}`, { name: 'GET /mailbox/messages/{message_id}' }), 'mailbox message', 200, {
        'is the message, with its text': (b) => b.message_id === first.message_id && b.subject === first.subject && 'text' in b
      })
      expectJson(get(`/mailbox/messages?to=${encode(first.to[0])}`, { name: 'GET /mailbox/messages' }), 'mailbox messages to one address', 200, {
        'only theirs': (b) => b.messages.every((m) => m.to.some((a) => a.toLowerCase() === first.to[0].toLowerCase()))
      })
    }
    const page = get('/mailbox/inbox', { name: 'GET /mailbox/inbox', headers: { Accept: 'text/html' } })
    check(page, { 'mailbox inbox: an HTML page': (r) => r.status === 200 && /text\/html/.test(r.headers['Content-Type'] || '') && /<h1>Mailbox<\/h1>/.test(r.body || '') })
  })
}

export const negative = {
  setup () {
    return {}
  },
  run () {
    group('mailbox: bogus requests', () =>
      runCases([
        { method: 'GET', path: '/mailbox/messages?to=nobody', label: 'mailbox: to not an address', status: 400 },
        { method: 'GET', path: '/mailbox/messages?limit=101', label: 'mailbox: limit 101', status: 400 },
        { method: 'GET', path: '/mailbox/messages?before=AAAA', label: 'mailbox: forged cursor', status: 400 },
        { method: 'GET', path: '/mailbox/messages?subject=x', label: 'mailbox: unknown parameter', status: 400 },
        { method: 'GET', path: '/mailbox/messages/not-a-uuid', label: 'mailbox: malformed id', status: 400 },
        { method: 'GET', path: '/mailbox/messages/00000000-0000-4000-8000-000000000000', label: 'mailbox: unknown message', status: 404, code: 'MAILBOX_MESSAGE_NOT_FOUND' }
      ])
    )
  }
}

export function journey () {}
