import type { PlannedProcess } from './procfile.js'
import { GATEWAY_TYPE } from './procfile.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface TraefikService {
  name: string
  serverStatus?: Record<string, string>
}

/** Per service, the instance URLs Traefik currently routes to (health check UP). */
export async function routedServers (apiUrl: string): Promise<Map<string, string[]>> {
  const res = await fetch(`${apiUrl}/api/http/services?per_page=1000`)
  if (!res.ok) throw new Error(`traefik API: ${res.status}`)
  const routed = new Map<string, string[]>()
  for (const s of (await res.json()) as TraefikService[]) {
    const up = Object.entries(s.serverStatus ?? {}).filter(([, status]) => status === 'UP').map(([url]) => url)
    routed.set(s.name.replace(/@.*$/, ''), up)
  }
  return routed
}

/** Which planned instances the gateway does not route to yet (empty: all of them). */
export async function unrouted (apiUrl: string, plan: PlannedProcess[]): Promise<string[]> {
  let routed: Map<string, string[]>
  try {
    routed = await routedServers(apiUrl)
  } catch {
    return ['traefik']
  }
  return plan
    .filter((p) => p.type !== GATEWAY_TYPE && !p.part)
    .filter((p) => !(routed.get(p.type) ?? []).includes(`http://127.0.0.1:${p.port}`))
    .map((p) => p.name)
}

/** Resolves once every planned instance is up and routed; rejects naming the missing ones. */
export async function waitRouted (apiUrl: string, plan: PlannedProcess[], timeoutMs: number, failed?: () => string | undefined): Promise<void> {
  const until = Date.now() + timeoutMs
  let missing: string[] = []
  while (Date.now() < until) {
    const reason = failed?.()
    if (reason) throw new Error(reason)
    missing = await unrouted(apiUrl, plan)
    if (missing.length === 0) return
    await sleep(200)
  }
  throw new Error(`not routed after ${timeoutMs / 1000} s: ${missing.join(', ')}`)
}
