import { test } from 'tap'
import { buildTestApp } from './helpers.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)

  t.test('the spec at /users/openapi.json documents every route with its error answers', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/users/openapi.json' })
    t.equal(res.statusCode, 200)
    const spec = res.json()
    t.equal(spec.info.title, 'User accounts')
    const ops: [string, string, string[]][] = [
      ['/users', 'post', ['201', '400', '409', '413', '415']],
      ['/users/{username}', 'get', ['200', '400', '404']],
      ['/users/{username}', 'patch', ['200', '400', '404', '409', '413', '415']],
      ['/users/{username}', 'delete', ['200', '400', '404']],
      ['/users/{username}/karma/increment', 'post', ['200', '400', '404', '409']],
      ['/users/{username}/karma/decrement', 'post', ['200', '400', '404', '409']]
    ]
    for (const [path, method, statuses] of ops) {
      const op = spec.paths[path]?.[method]
      t.ok(op, `${method} ${path} documented`)
      t.same(Object.keys(op?.responses ?? {}).sort(), statuses, `${method} ${path} answers`)
      t.ok(op?.summary, `${method} ${path} has a summary`)
    }
  })

  t.test('Swagger UI is served at /docs', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/docs/' })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /text\/html/)
  })

  t.test('readiness checks the database', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/health/ready' })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { status: 'ok', service: 'users' })
  })
})
