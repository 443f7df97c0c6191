import { test } from 'tap'
import { buildTestApp } from './helpers.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)

  t.test('the spec at /messages/openapi.json documents every route with its error answers', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/messages/openapi.json' })
    t.equal(res.statusCode, 200)
    const spec = res.json()
    t.equal(spec.info.title, 'Messages')
    const ops: [string, string, string[]][] = [
      ['/messages', 'post', ['201', '400', '413', '415']],
      ['/messages', 'get', ['200', '400']],
      ['/messages/{message_id}', 'get', ['200', '400', '404']],
      ['/messages/{message_id}', 'delete', ['200', '400', '404']],
      ['/messages/{message_id}/favorite', 'post', ['200', '400', '404']],
      ['/messages/{message_id}/favorite', 'delete', ['200', '400', '404']]
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
    t.match(res.json(), { status: 'ok', service: 'messages' })
  })
})
