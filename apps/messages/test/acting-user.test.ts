import { test } from 'tap'
import { buildTestApp, send } from './helper.js'

test('messages are sent as the token\'s user; deleted by a party, favorited by the recipient', async (t) => {
  const app = await buildTestApp(t)
  const as = (user: string) => ({ 'x-auth-user': user })
  const forged = await app.inject({ method: 'POST', url: '/messages', headers: as('mallory'), payload: { from: 'alice', to: 'bob', contents: 'hi' } })
  t.equal(forged.statusCode, 403)
  t.equal(forged.json().code, 'MESSAGES_FORBIDDEN')

  const message = await send(app, 'alice', 'bob')
  const url = `/messages/${message.message_id}`
  t.equal((await app.inject({ method: 'POST', url: `${url}/favorite`, headers: as('alice') })).statusCode, 403, 'the sender does not favorite')
  t.equal((await app.inject({ method: 'POST', url: `${url}/favorite`, headers: as('bob') })).statusCode, 200, 'the recipient does')
  t.equal((await app.inject({ method: 'DELETE', url, headers: as('carol') })).statusCode, 403, 'a third party does not delete')
  t.equal((await app.inject({ method: 'DELETE', url, headers: as('alice') })).statusCode, 200, 'a party does')
})
