import { test } from 'tap'
import { Type } from 'typebox'
import { createService, loadConfig, upstream } from '../src/index.js'
import { startTestGateway } from '../src/testing.js'

const meta = (name: string, prefix: string) => ({ name, prefix, title: name, description: name, version: '1.0.0', tags: [] })

test('startTestGateway › routes each prefix to its mounted app, upstream calls go through it, an unmounted service is a 503', async (t) => {
  const gw = await startTestGateway()
  t.teardown(() => gw.close())
  const config = loadConfig({}, { LOG_LEVEL: 'silent' })

  const shelf = await createService(meta('shelf', '/lib/shelf'), config)
  shelf.get('/lib/shelf/:id', async (req, reply) => {
    const { id } = req.params as { id: string }
    return id === 'b1' ? { id, seen: req.headers['x-request-id'] } : reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'no', code: 'SHELF_NONE' })
  })
  shelf.post('/lib/shelf', { schema: { body: Type.Object({ n: Type.Integer() }, { additionalProperties: false }) } }, async (req, reply) =>
    reply.code(201).header('location', '/lib/shelf/b2').send(req.body))
  const desk = await createService(meta('desk', '/lib'), config)
  const shelves = upstream('desk', gw.url)
  desk.get('/lib/desk/:id', async (req) => (await shelves.get(`/lib/shelf/${(req.params as { id: string }).id}`, req)))
  t.teardown(() => Promise.all([shelf.close(), desk.close()]))
  gw.mount(shelf)
  gw.mount(desk)

  const read = await (await fetch(`${gw.url}/lib/desk/b1`, { headers: { 'x-request-id': 'req-7' } })).json()
  t.same(read, { status: 200, body: { id: 'b1', seen: 'req-7' } }, 'desk (prefix /lib) reached shelf (the longer /lib/shelf) through the gateway, with the request id')
  t.match(await (await fetch(`${gw.url}/lib/desk/b9`)).json(), { status: 404, body: { code: 'SHELF_NONE' } })

  const posted = await fetch(`${gw.url}/lib/shelf`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":2}' })
  t.equal(posted.status, 201)
  t.equal(posted.headers.get('location'), '/lib/shelf/b2')
  t.same(await posted.json(), { n: 2 }, 'bodies and headers pass both ways')
  t.equal((await fetch(`${gw.url}/elsewhere`)).status, 404, 'a path nobody owns is a 404')

  gw.unmount(shelf)
  const down = await fetch(`${gw.url}/lib/desk/b1`)
  t.equal(down.status, 503)
  t.match(await down.json(), { code: 'DESK_UPSTREAM_UNAVAILABLE' }, 'the reader answers its own 503 when the service it reads is gone')
})
