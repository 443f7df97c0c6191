import { freeStackPorts } from '../../stack/free-ports.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export { freePort } from '../../stack/free-ports.js'

/** A base port whose foreman-numbered ports (base + 100 x type + i) are free for `types` types. */
export async function freeBasePort(types: number, perType: number): Promise<number> {
  return (await freeStackPorts(types, perType)).basePort
}

export function tempDir(t: { teardown(fn: () => void): void }, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export interface Outcome {
  status: number
  instance: string | null
}

/** One request through the gateway; a network error counts as status 0. */
export async function hit(url: string, init?: RequestInit): Promise<Outcome> {
  try {
    const res = await fetch(url, init)
    await res.arrayBuffer()
    return { status: res.status, instance: res.headers.get('x-instance') }
  } catch {
    return { status: 0, instance: null }
  }
}

export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1
  return counts
}

/**
 * The environment for processes a test starts, without tap's coverage hook (NODE_OPTIONS):
 * a formation of ten Node processes each recording coverage starts and stops far slower.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (k !== 'NODE_OPTIONS' && !k.startsWith('_TAPJS_')) env[k] = v
  return { ...env, ...extra }
}
