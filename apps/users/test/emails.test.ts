import { test } from 'tap'
import { buildTestApp, createUser } from './helper.js'

test('secondary emails: added and removed by the account itself; an address belongs to one account', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'ann')
  await createUser(app, 'ben')
  const as = (user: string) => ({ 'x-auth-user': user })

  const added = await app.inject({ method: 'POST', url: '/users/ann/emails', headers: as('ann'), payload: { email: 'ann.work@example.com' } })
  t.equal(added.statusCode, 201)
  t.same(added.json().secondary_emails, ['ann.work@example.com'])
  t.equal(added.headers.location, '/users/ann/emails/ann.work%40example.com')

  for (const [email, why] of [['ANN.WORK@example.com', 'hers already'], ['ben@example.com', "ben's primary"], ['ann@example.com', 'her own primary']]) {
    const res = await app.inject({ method: 'POST', url: '/users/ann/emails', headers: as('ann'), payload: { email } })
    t.equal(res.statusCode, 409, why)
    t.equal(res.json().code, 'USERS_EMAIL_TAKEN')
  }
  const taken = await app.inject({ method: 'POST', url: '/users', payload: { username: 'cat', email: 'Ann.Work@example.com', password: 'plum-cobalt-harbour-42' } })
  t.equal(taken.json().code, 'USERS_EMAIL_TAKEN', 'not as anyone\'s primary either')
  const moved = await app.inject({ method: 'PATCH', url: '/users/ben', headers: as('ben'), payload: { email: 'ann.work@example.com' } })
  t.equal(moved.statusCode, 409, 'nor as a new primary of another account')

  const other = await app.inject({ method: 'POST', url: '/users/ann/emails', headers: as('ben'), payload: { email: 'ben.at.ann@example.com' } })
  t.equal(other.statusCode, 403, 'only the account itself')
  t.equal(other.json().code, 'USERS_FORBIDDEN')
  t.equal((await app.inject({ method: 'DELETE', url: '/users/ann/emails/ann.work@example.com', headers: as('ben') })).statusCode, 403)

  const removed = await app.inject({ method: 'DELETE', url: '/users/ann/emails/ann.work@example.com', headers: as('ann') })
  t.equal(removed.statusCode, 200)
  t.same(removed.json().secondary_emails, [])
  const again = await app.inject({ method: 'DELETE', url: '/users/ann/emails/ann.work@example.com', headers: as('ann') })
  t.equal(again.statusCode, 404)
  t.equal(again.json().code, 'USERS_EMAIL_NOT_FOUND')
})

test('changing the email and deactivating: the account itself only (403 for another token user)', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'owner')
  const patch = await app.inject({ method: 'PATCH', url: '/users/owner', headers: { 'x-auth-user': 'intruder' }, payload: { email: 'new@example.com' } })
  t.equal(patch.statusCode, 403)
  const del = await app.inject({ method: 'DELETE', url: '/users/owner', headers: { 'x-auth-user': 'intruder' } })
  t.equal(del.statusCode, 403)
  t.match((await app.inject({ method: 'GET', url: '/users/owner' })).json(), { email: 'owner@example.com', active: true }, 'unchanged')
  const own = await app.inject({ method: 'PATCH', url: '/users/owner', headers: { 'x-auth-user': 'owner' }, payload: { email: 'new@example.com' } })
  t.equal(own.statusCode, 200)
})
