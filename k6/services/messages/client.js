// The messages service as a client uses it; each call checks the body it gets.
import { get, post, request, bodyOf, encode } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { UUID } from '../stats/client.js'

export const ROUTES = {
  send: 'POST /messages',
  list: 'GET /messages',
  get: 'GET /messages/{message_id}',
  delete: 'DELETE /messages/{message_id}',
  favorite: '{POST,DELETE} /messages/{message_id}/favorite'
}

const same = (b, m) => b.message_id === m.message_id && b.from === m.from && b.to === m.to && b.contents === m.contents

export function send (from, to, contents) {
  const res = post('/messages', { from, to, contents }, { name: ROUTES.send })
  const ok = expectJson(res, 'send message', 201, {
    'is the message sent': (b) =>
      UUID.test(b.message_id) && b.from === from && b.to === to && b.contents === contents && b.favorite === false &&
      !Number.isNaN(Date.parse(b.timestamp)),
    'Location names it': (b, r) => r.headers.Location === `/messages/${b.message_id}`
  })
  return ok ? bodyOf(res) : undefined
}

export function read (message, favorite) {
  const res = get(`/messages/${message.message_id}`, { name: ROUTES.get })
  return expectJson(res, 'read message', 200, {
    'is the message': (b) => same(b, message) && (favorite === undefined || b.favorite === favorite)
  })
}

/** box: { to } (inbox) or { from } (outbox). `first`: the message expected newest. */
export function mailbox (box, { limit, first } = {}) {
  const [side, name] = Object.entries(box)[0]
  const res = get(`/messages?${side}=${encode(name)}${limit ? `&limit=${limit}` : ''}`, { name: ROUTES.list })
  const max = limit || 20
  const ok = expectJson(res, 'mailbox', 200, {
    [`a page of at most ${max}`]: (b) => Array.isArray(b.messages) && b.messages.length <= max && (b.next === null || typeof b.next === 'string'),
    'only this mailbox, newest first': (b) =>
      b.messages.every((m, i) => m[side] === name && (i === 0 || Date.parse(b.messages[i - 1].timestamp) >= Date.parse(m.timestamp))),
    'has the latest message': (b) => !first || (b.messages.length > 0 && same(b.messages[0], first))
  })
  return ok ? bodyOf(res) : undefined
}

export function favorite (message, on) {
  const res = request(on ? 'POST' : 'DELETE', `/messages/${message.message_id}/favorite`, undefined, { name: ROUTES.favorite, as: message.to })
  return expectJson(res, on ? 'favorite' : 'unfavorite', 200, { 'is marked so': (b) => same(b, message) && b.favorite === on })
}

export function remove (message) {
  const res = request('DELETE', `/messages/${message.message_id}`, undefined, { name: ROUTES.delete, as: message.from })
  return expectJson(res, 'delete message', 200, { 'answers the message deleted': (b) => same(b, message) })
}
