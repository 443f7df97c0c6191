import autocannon from 'autocannon'

export interface Load {
  rps: number
  p50: number
  p99: number
  /** Answers other than 2xx, and connection errors/timeouts: a figure with any is not clean. */
  bad: number
}

export interface LoadOptions {
  connections: number
  duration: number
  warmup: number
}

export type Request = { method: 'GET', path: string } | { method: 'POST', path: string, body: string }

/** Drives `origin` with autocannon (closed loop), `next()` giving each request; a warm-up run first. */
export async function drive (origin: string, next: () => Request, options: LoadOptions): Promise<Load> {
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
  const result = await run(options.duration)
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts
  }
}
