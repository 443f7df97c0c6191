import { test } from 'tap'
import { buildTestApp, createUser, PASSWORD } from './helper.js'

test('users: unknown query parameters are refused on every route, ill-formed Unicode is named', async (t) => {
  const app = await buildTestApp(t)
  await createUser(app, 'alice')
  for (const [method, url] of [
    ['GET', '/users/alice?x=1'],
    ['DELETE', '/users/alice?x=1'],
    ['PATCH', '/users/alice?x=1'],
    ['POST', '/users/alice/karma/increment?x=1'],
    ['POST', '/users?x=1']
  ]) {
    const payload = method === 'PATCH' ? { email: 'new@example.com' } : method === 'POST' && url.startsWith('/users?') ? { username: 'bob', email: 'bob@example.com', password: PASSWORD } : undefined
    const res = await app.inject({ method: method as 'GET', url, ...(payload ? { payload } : {}) })
    t.equal(res.statusCode, 400, `${method} ${url}`)
    t.match(res.json(), { code: 'FST_ERR_VALIDATION', message: /querystring\/x is not an allowed field/ }, `${method} ${url}`)
  }
  const alice = (await app.inject({ method: 'GET', url: '/users/alice' })).json()
  t.match(alice, { email: 'alice@example.com', karma: 0, active: true }, 'nothing changed')
  t.equal((await app.inject({ method: 'GET', url: '/users/bob' })).statusCode, 404, 'nobody was created')

  const lone = await app.inject({ method: 'PATCH', url: '/users/alice', headers: { 'content-type': 'application/json' }, payload: '{"email":"a\\ud800@example.com"}' })
  t.equal(lone.statusCode, 400)
  t.match(lone.json().message, /^body\/email must be well-formed Unicode/)
})
