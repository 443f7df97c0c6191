// The formation gateway's authentication of writes, for tests in one process: a listener in front
// of the kit's test gateway, doing what Traefik's forwardAuth middleware does in the formation.
// A write that is not one of the open ones (sign-up, sign-in) is first checked with the accounts
// service: GET /users/sessions/current with the write's Authorization header. A refusal is the
// client's answer as it is (the 401 JSON); a pass goes on with X-Auth-User set to the token's user.
// Whatever X-Auth-User a client sends is removed. Reads pass untouched.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Test } from 'tap'

export interface AuthGateway {
  url: string
  /** Every request it answered, in order: `POST /users/sessions 201`. */
  log: string[]
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])
// Hop-by-hop headers, and those fetch() sets itself or undoes (it decompresses).
const NOT_PASSED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'content-encoding'])

async function readBody (req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const headersOf = (headers: Headers) => {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => { if (!NOT_PASSED.has(name)) out[name] = value })
  return out
}

/** In front of `inner` (a test gateway's url), closed when the test ends. `openWrites`: `POST /users`. */
export async function startAuthGateway (t: Test, inner: string, openWrites: string[]): Promise<AuthGateway> {
  const log: string[] = []
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    const method = req.method ?? 'GET'
    const answer = async () => {
      const body = await readBody(req)
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined && !NOT_PASSED.has(k) && k !== 'x-auth-user') headers[k] = Array.isArray(v) ? v.join(', ') : v
      }
      if (!READS.has(method) && !openWrites.includes(`${method} ${path}`)) {
        const check = await fetch(`${inner}/users/sessions/current`, { headers: req.headers.authorization ? { authorization: req.headers.authorization } : {} })
        if (!check.ok) return { status: check.status, headers: headersOf(check.headers), body: Buffer.from(await check.arrayBuffer()) }
        headers['x-auth-user'] = check.headers.get('x-auth-user') ?? ''
      }
      const passed = await fetch(`${inner}${req.url ?? '/'}`, { method, headers, ...(body.length ? { body } : {}) })
      return { status: passed.status, headers: headersOf(passed.headers), body: Buffer.from(await passed.arrayBuffer()) }
    }
    answer()
      .then((reply) => {
        log.push(`${method} ${path} ${reply.status}`)
        res.writeHead(reply.status, reply.headers).end(reply.body)
      })
      .catch((err: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`bad gateway: ${err.message}`))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  }))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log }
}
