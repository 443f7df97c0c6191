import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

export interface Load {
  rps: number
  p50: number
  p99: number
  /** Answers other than 2xx, and connection errors/timeouts: a figure with any is not clean. */
  bad: number
  /** Which statuses those were (`503`, and `err` for errors and timeouts). */
  badKinds: string[]
  /**
   * CPU time the server processes spent per answered request, in µs: on a shared, noisy machine
   * this moves far less than req/s does (what a request costs, not how much CPU was left over).
   */
  cpuUs: number
  /** The same, per process of `pids` (through Traefik: how much of it is the gateway's). */
  cpuUsByPid: number[]
}

/**
 * User + system CPU seconds of a process and its children so far (/proc/<pid>/stat, clock
 * ticks of 1/100 s): the gateway process of the Procfile runs the traefik binary as its child.
 */
export function cpuSeconds (pid: number): number {
  let seconds = 0
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    seconds = (Number(fields[11]) + Number(fields[12])) / 100
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()
    for (const child of children === '' ? [] : children.split(' ')) seconds += cpuSeconds(Number(child))
  } catch {
    // gone in between: counts as nothing more
  }
  return seconds
}

export interface LoadOptions {
  connections: number
  duration: number
  warmup: number
}

export type Request = { method: 'GET', path: string } | { method: 'POST', path: string, body: string }

/**
 * Drives `origin` with autocannon (closed loop), `next()` giving each request; a warm-up run
 * first. `pids`: the server's processes, whose CPU time is counted over the measured run.
 */
export async function drive (origin: string, next: () => Request, options: LoadOptions, pids: number[]): Promise<Load> {
  const run = (duration: number) => autocannon({
    url: origin,
    connections: options.connections,
    duration,
    requests: [{
      setupRequest: (req) => {
        const r = next()
        return r.method === 'GET'
          ? { ...req, method: 'GET', path: r.path }
          : { ...req, method: 'POST', path: r.path, body: r.body, headers: { 'content-type': 'application/json' } }
      }
    }]
  })
  if (options.warmup > 0) await run(options.warmup)
  const cpu0 = pids.map(cpuSeconds)
  const result = await run(options.duration)
  const answered = Math.max(1, result.requests.total - result.errors - result.timeouts)
  const cpuUsByPid = pids.map((pid, i) => ((cpuSeconds(pid) - cpu0[i]!) * 1e6) / answered)
  const badKinds = Object.keys(result.statusCodeStats ?? {}).filter((code) => !code.startsWith('2'))
  if (result.errors + result.timeouts > 0) badKinds.push('err')
  return {
    badKinds,
    cpuUs: cpuUsByPid.reduce((a, b) => a + b, 0),
    cpuUsByPid,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts
  }
}
