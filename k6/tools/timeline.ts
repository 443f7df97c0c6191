// k6's JSON output (one metric sample a line, optionally gzipped) folded into time windows:
// requests, failures and latency percentiles per window, plus the active VUs.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'

export interface Window {
  /** Seconds since the first sample, at the window's start. */
  t: number
  seconds: number
  requests: number
  failed: number
  /** Journeys an arrival-rate scenario could not start (no free VU): the load it shed. */
  dropped: number
  vus: number
  p50: number
  p95: number
  p99: number
}

interface Bucket {
  durations: number[]
  failed: number
  dropped: number
  /** -1 when no sample fell in the window: the previous window's value carries on. */
  vus: number
}

interface Sample {
  metric: string
  type: string
  data: { time: string; value: number; tags?: Record<string, string> }
}

/** Reads a k6 JSON output file into windows of `windowSeconds`. `route` keeps one name tag only. */
export async function readTimeline (file: string, windowSeconds: number, route?: string): Promise<Window[]> {
  const input = createReadStream(file)
  const lines = createInterface({ input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity })
  const buckets = new Map<number, Bucket>()
  let start: number | undefined
  let end = 0
  const bucketAt = (time: string): Bucket => {
    const ms = Date.parse(time)
    start ??= ms
    end = Math.max(end, ms)
    const index = Math.max(0, Math.floor((ms - start) / 1000 / windowSeconds))
    let b = buckets.get(index)
    if (!b) buckets.set(index, (b = { durations: [], failed: 0, dropped: 0, vus: -1 }))
    return b
  }
  for await (const line of lines) {
    // Cheap pre-filter: most lines are metrics the plot does not use.
    if (!line.includes('"Point"')) continue
    if (!/"metric":"(http_req_duration|http_req_failed|vus|dropped_iterations)"/.test(line)) continue
    const s = JSON.parse(line) as Sample
    if (route && s.metric.startsWith('http_') && s.data.tags?.name !== route) continue
    const b = bucketAt(s.data.time)
    if (s.metric === 'http_req_duration') b.durations.push(s.data.value)
    else if (s.metric === 'http_req_failed') b.failed += s.data.value
    else if (s.metric === 'dropped_iterations') b.dropped += s.data.value
    else if (s.metric === 'vus') b.vus = Math.max(b.vus, s.data.value)
  }
  // The last window is usually cut short by the end of the run: its rate would read as a drop.
  const span = start === undefined ? 0 : (end - start) / 1000
  const full = Math.floor(span / windowSeconds) - 1
  const last = Math.max(full, Math.min(0, ...buckets.keys()))
  const windows: Window[] = []
  let vus = 0
  for (let i = 0; i <= last; i++) {
    const b = buckets.get(i) ?? { durations: [], failed: 0, dropped: 0, vus: -1 }
    const sorted = b.durations.sort((x, y) => x - y)
    if (b.vus >= 0) vus = b.vus
    windows.push({
      t: i * windowSeconds,
      seconds: windowSeconds,
      requests: sorted.length,
      failed: b.failed,
      dropped: b.dropped,
      vus,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99)
    })
  }
  return windows
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile (sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}

/** The windows as a tab-separated table, to read off where latency and errors bend. */
export function formatTable (windows: Window[]): string {
  const rows = windows.map((w) =>
    [
      `${w.t}s`,
      String(w.vus),
      (w.requests / w.seconds).toFixed(0),
      w.requests ? ((100 * w.failed) / w.requests).toFixed(2) + '%' : '-',
      (w.dropped / w.seconds).toFixed(0),
      ...[w.p50, w.p95, w.p99].map((v) => (Number.isNaN(v) ? '-' : v.toFixed(1)))
    ].join('\t')
  )
  return ['from\tVUs\treq/s\tfailed\tdropped/s\tp50 ms\tp95 ms\tp99 ms', ...rows].join('\n')
}
