// Messages service: smoke (every endpoint once), negative cases, and its part of the user journey.
import { group } from 'k6'
import exec from 'k6/execution'
import { uniqueName, randomInt } from '../../lib/data.js'
import { get, bodyOf, CLIENT_ERROR } from '../../lib/http.js'
import { expectClientError } from '../../lib/checks.js'
import { runCases, runValid } from '../../lib/negative.js'
import { badEncodings, badText, nonDecimalLimits, unknownParameters } from '../../lib/hostile.js'
import { send, read, mailbox, favorite, remove } from './client.js'

export function smoke () {
  group('messages', () => {
    const [ada, bob] = [uniqueName('k6smoke'), uniqueName('k6smoke')]
    const m = send(ada, bob, 'Got it in 3 today: CRANE, MOIST, FOIST.')
    if (!m) return
    read(m, false)
    mailbox({ to: bob }, { first: m })
    mailbox({ from: ada }, { first: m, limit: 5 })
    favorite(m, true)
    favorite(m, false)
    remove(m)
    expectClientError(get(`/messages/${m.message_id}`, { name: 'GET /messages/{message_id}', expect: CLIENT_ERROR }), 'deleted message is gone', 404, 'MESSAGES_NOT_FOUND')
  })
}

const UNKNOWN = '00000000-0000-4000-8000-000000000000'

export const negative = {
  setup () {
    const [from, to] = [uniqueName('k6neg'), uniqueName('k6neg')]
    const message = send(from, to, 'The victim message: must read back unchanged.')
    if (!message) throw new Error('messages negative setup: could not send the victim message')
    favorite(message, true)
    return { message }
  },
  run ({ message }) {
    const good = { from: uniqueName('k6neg'), to: uniqueName('k6neg'), contents: 'hello' }
    const sendCase = (label, body, status = 400) => ({ method: 'POST', path: '/messages', label: `messages: ${label}`, body, status })
    const getCase = (label, path, status = 400, code) => ({ method: 'GET', path, label: `messages: ${label}`, status, code })
    group('messages: bogus requests', () =>
      runCases([
        sendCase('malformed JSON', '{"from": "a",'),
        ...['from', 'to', 'contents'].map((k) => sendCase(`missing ${k}`, { ...good, [k]: undefined })),
        sendCase('blank contents', { ...good, contents: ' \n\t ' }),
        sendCase('contents too long', { ...good, contents: 'x'.repeat(5001) }),
        sendCase('contents is an object', { ...good, contents: { text: 'hi' } }),
        sendCase('bad sender name', { ...good, from: '<script>' }),
        sendCase('unknown field', { ...good, favorite: true }),
        sendCase('huge body', JSON.stringify({ ...good, contents: 'x'.repeat(1 << 20) }), 413),
        getCase('no mailbox', '/messages', 400, 'MESSAGES_MAILBOX_REQUIRED'),
        getCase('two mailboxes', `/messages?to=${good.to}&from=${good.from}`, 400, 'MESSAGES_MAILBOX_REQUIRED'),
        getCase('forged cursor', `/messages?to=${good.to}&before=AAAAAAAA`, 400),
        getCase('limit 101', `/messages?to=${good.to}&limit=101`, 400),
        getCase('malformed id', '/messages/12345', 400),
        getCase('unknown id', `/messages/${UNKNOWN}`, 404, 'MESSAGES_NOT_FOUND'),
        { method: 'DELETE', path: `/messages/${UNKNOWN}`, label: 'messages: delete unknown', status: 404, code: 'MESSAGES_NOT_FOUND' },
        { method: 'POST', path: `/messages/${UNKNOWN}/favorite`, label: 'messages: favorite unknown', status: 404, code: 'MESSAGES_NOT_FOUND' }
      ])
    )
    const id = message.message_id
    group('messages: hostile requests', () =>
      runCases([
        ...badText('messages', 'POST', '/messages', good, { fields: ['contents'], visible: ['contents'] }),
        ...badEncodings('messages', 'POST', '/messages', good),
        ...nonDecimalLimits('messages', [`/messages?to=${good.to}`]),
        ...unknownParameters('messages', [
          ['GET', `/messages/${id}`], ['DELETE', `/messages/${id}`], ['POST', `/messages/${id}/favorite`], ['DELETE', `/messages/${id}/favorite`]
        ])
      ])
    )
    group('messages: hostile but valid', () => {
      const longest = { ...good, contents: '🙂'.repeat(5000) }
      const sent = runValid([
        { method: 'POST', path: '/messages', label: 'messages: 5,000 emoji', body: longest, status: 201, checks: { 'reads back as sent': (b) => b.contents === longest.contents } },
        { method: 'POST', path: '/messages', label: 'messages: a gzip body', body: good, compression: 'gzip', status: 201, checks: { 'reads back as sent': (b) => b.contents === good.contents } }
      ])
      for (const res of sent) {
        const m = bodyOf(res)
        if (m && m.message_id) remove(m)
      }
    })
    group('messages: data unchanged afterwards', () => {
      read(message, true)
      mailbox({ to: message.to }, { first: { ...message } })
    })
  }
}

// The journey's messages part: now and then write to another player (another VU), read one's inbox.
export function journey () {
  const me = `k6load-msg-${exec.vu.idInTest}`
  const roll = Math.random()
  if (roll < 0.1) send(me, `k6load-msg-${randomInt(1, 100)}`, 'Nice streak! How do you pick your first word?')
  else if (roll < 0.25) mailbox({ to: me }, { limit: 10 })
}
