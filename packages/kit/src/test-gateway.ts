import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'

/**
 * A gateway for tests of services that read each other (`upstream`): one loopback HTTP
 * listener that hands each request to the mounted app owning the path's prefix, through
 * `app.inject`, so the apps run their real routes on their temporary databases without a
 * port each or a Traefik. Start it first (its `url` is the apps' GATEWAY_URL), then mount.
 */
export interface TestGateway {
  url: string
  /** Routes `app.serviceInfo.prefix` to the app (the longest matching prefix wins). */
  mount(app: FastifyInstance): void
  /** The prefix answers 503 from now on, as Traefik does for a service with no instance left. */
  unmount(app: FastifyInstance): void
  close(): Promise<void>
}

// Hop-by-hop headers belong to one connection, not to the message passed on.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length'])

async function readBody (req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const owns = (prefix: string, path: string) => path === prefix || path.startsWith(`${prefix}/`)

export async function startTestGateway (): Promise<TestGateway> {
  const apps = new Map<string, FastifyInstance>()
  const gone = new Set<string>()

  const answer = (res: ServerResponse, status: number, message: string) => {
    res.writeHead(status, { 'content-type': 'text/plain' }).end(message)
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    const prefix = [...apps.keys(), ...gone].filter((p) => owns(p, path)).sort((a, b) => b.length - a.length)[0]
    const app = prefix === undefined ? undefined : apps.get(prefix)
    if (!app) return answer(res, prefix === undefined ? 404 : 503, prefix === undefined ? '404 page not found' : 'no available server')
    readBody(req)
      .then(async (body) => {
        const headers: Record<string, string | string[]> = {}
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v
        const reply = await app.inject({ method: req.method as 'GET', url: req.url ?? '/', headers, ...(body.length ? { payload: body } : {}) })
        const out: Record<string, string | string[] | number> = {}
        for (const [k, v] of Object.entries(reply.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v
        res.writeHead(reply.statusCode, out).end(reply.rawPayload)
      })
      .catch((err: Error) => answer(res, 502, `bad gateway: ${err.message}`))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mount (app) {
      gone.delete(app.serviceInfo.prefix)
      apps.set(app.serviceInfo.prefix, app)
    },
    unmount (app) {
      apps.delete(app.serviceInfo.prefix)
      gone.add(app.serviceInfo.prefix)
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  }
}
