import type { Load } from './load.js'

export interface Row {
  what: string
  load: Load
  /** The hello-world measured just before this case: ratios compare figures taken a few seconds apart. */
  ceiling?: Load
  direct?: Load
  /** Which of load.cpuUsByPid is the gateway's, shown apart. */
  gatewayPid?: number
}

const pct = (a: number, b: number | undefined) => (b ? `${Math.round((100 * a) / b)} %` : '')
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`

/** A Markdown table: it reads in a terminal and pastes into the README as it is. */
export function formatTable (rows: Row[]): string {
  const lines = [
    '| what | req/s | p50 | p99 | ceiling req/s | of the ceiling | of direct | CPU µs/req | not 2xx |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|'
  ]
  const n = (v: number) => Math.round(v).toLocaleString('en-US')
  for (const r of rows) {
    lines.push(`| ${r.what} | ${n(r.load.rps)} | ${ms(r.load.p50)} | ${ms(r.load.p99)} | ${r.ceiling ? n(r.ceiling.rps) : ''} | ` +
      `${pct(r.load.rps, r.ceiling?.rps)} | ${pct(r.load.rps, r.direct?.rps)} | ${n(r.load.cpuUs)}${r.gatewayPid === undefined ? '' : ` (Traefik ${n(r.load.cpuUsByPid[r.gatewayPid]!)})`} | ${r.load.bad}${r.load.bad > 0 ? ` (${r.load.badKinds.join(', ')})` : ''} |`)
  }
  return lines.join('\n')
}
