// The registry's own checks against real listeners: a service that answers, one that answers
// 503 (draining), and a port where nothing listens.
import { test } from 'tap'
import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import { buildTestApp } from './helper.js'

async function listener (status: number): Promise<{ url: string, server: Server }> {
  const server = createServer((_req, res) => res.writeHead(status).end())
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server }
}

test('a check makes a failing instance critical at once and removes it after DEREGISTER_AFTER_MS; the gateway routes only passing ones', async (t) => {
  const app = await buildTestApp(t, { CHECK_INTERVAL_MS: '3600000', CHECK_TIMEOUT_MS: '300', DEREGISTER_AFTER_MS: '400' })
  const up = await listener(200)
  const draining = await listener(503)
  t.teardown(() => {
    up.server.close()
    draining.server.close()
  })
  const dead = 'http://127.0.0.1:1'
  for (const url of [up.url, draining.url, dead]) {
    await app.inject({ method: 'POST', url: '/registry/instances', payload: { service: 'stats', url, health_path: '/health' } })
  }
  await app.checkInstances()
  const listed = await app.inject({ method: 'GET', url: '/registry/instances' })
  if (listed.statusCode !== 200) t.fail(listed.body)
  const byUrl = Object.fromEntries(listed.json().instances.map((i: { url: string }) => [i.url, i]))
  t.match(byUrl[up.url], { status: 'passing', last_status_code: 200 })
  t.match(byUrl[draining.url], { status: 'critical', last_status_code: 503 })
  t.match(byUrl[dead], { status: 'critical', last_status_code: 0 })
  t.ok(byUrl[up.url].last_checked, 'checked now')
  t.match((await app.inject({ method: 'GET', url: '/registry/health?service=stats' })).json(), { status: 'warning', passing: 1, critical: 2 })
  const routed = (await app.inject({ method: 'GET', url: '/registry/traefik' })).json().http.services.stats.loadBalancer.servers
  t.same(routed, [{ url: up.url }], 'only the passing instance is routed')

  await new Promise((resolve) => setTimeout(resolve, 500))
  await app.checkInstances()
  t.same((await app.inject({ method: 'GET', url: '/registry/instances' })).json().instances.map((i: { url: string }) => i.url), [up.url], 'the failing ones are removed')
})

test('a critical instance that registers again (it restarted) is passing again', async (t) => {
  const app = await buildTestApp(t, { CHECK_INTERVAL_MS: '3600000', CHECK_TIMEOUT_MS: '300' })
  const reg = { service: 'stats', url: 'http://127.0.0.1:1', health_path: '/health' }
  await app.inject({ method: 'POST', url: '/registry/instances', payload: reg })
  await app.checkInstances()
  t.equal((await app.inject({ method: 'GET', url: '/registry/instances' })).json().instances[0].status, 'critical')
  const again = await app.inject({ method: 'POST', url: '/registry/instances', payload: reg })
  t.equal(again.json().status, 'passing')
})
