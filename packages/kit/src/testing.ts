import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
export { rawRequest, readResponse, type RawResponse } from './raw-http.js'
export { callJson, type JsonReply } from './json-client.js'

/**
 * A service's app built for one test and closed when the test ends: every service's
 * `test/helper.ts` is this call with its own `buildApp` and configuration.
 */
export async function testApp<A extends FastifyInstance> (t: Test, app: Promise<A>): Promise<A> {
  const built = await app
  t.teardown(() => built.close())
  return built
}

/** One documented operation: path as in the spec, method, and every status it declares. */
export type DocumentedOperation = [path: string, method: string, statuses: string[]]

/**
 * The checks every service's docs deserve, as subtests of `t`: the spec at
 * `<prefix>/openapi.json` documents each operation with a summary and exactly the statuses it
 * answers, Swagger UI is served at /docs, and readiness answers ok.
 */
export function testDocs (t: Test, app: FastifyInstance, opts: { service: string; prefix: string; title: string; operations: DocumentedOperation[] }) {
  t.test(`the spec at ${opts.prefix}/openapi.json documents every route with its error answers`, async (t) => {
    const res = await app.inject({ method: 'GET', url: `${opts.prefix}/openapi.json` })
    t.equal(res.statusCode, 200)
    const spec = res.json()
    t.equal(spec.info.title, opts.title)
    for (const [path, method, statuses] of opts.operations) {
      const op = spec.paths[path]?.[method]
      t.ok(op, `${method} ${path} documented`)
      t.same(Object.keys(op?.responses ?? {}).sort(), [...statuses].sort(), `${method} ${path} answers`)
      t.ok(op?.summary, `${method} ${path} has a summary`)
    }
  })

  t.test('Swagger UI is served at /docs', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/docs/' })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /text\/html/)
  })

  t.test('readiness checks every resource', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/health/ready' })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { status: 'ok', service: opts.service })
  })
}

export { startTestGateway, type TestGateway } from './test-gateway.js'
