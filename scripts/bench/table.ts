import type { Load } from './load.js'

export interface Row {
  what: string
  load: Load
  /** The figure the ratio compares with (the ceiling, or direct for the gateway rows). */
  ceiling?: number
  direct?: number
}

const pct = (a: number, b: number | undefined) => (b ? `${Math.round((100 * a) / b)} %` : '')
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`

/** A Markdown table: it reads in a terminal and pastes into the README as it is. */
export function formatTable (rows: Row[]): string {
  const lines = [
    '| what | req/s | p50 | p99 | of the ceiling | of direct | not 2xx |',
    '|---|--:|--:|--:|--:|--:|--:|'
  ]
  for (const r of rows) {
    lines.push(`| ${r.what} | ${Math.round(r.load.rps).toLocaleString('en-US')} | ${ms(r.load.p50)} | ${ms(r.load.p99)} | ` +
      `${pct(r.load.rps, r.ceiling)} | ${pct(r.load.rps, r.direct)} | ${r.load.bad} |`)
  }
  return lines.join('\n')
}
