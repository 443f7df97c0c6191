// Reading k6's --summary-export file: checks and thresholds as pass/fail counts, and the
// figures of one metric (or a tagged sub-metric) for the performance table.
import { readFileSync } from 'node:fs'

interface Check { name: string; passes: number; fails: number }
interface Group { name: string; checks: Record<string, Check> | Check[]; groups: Record<string, Group> | Group[] }
interface Metric { thresholds?: Record<string, boolean>; [stat: string]: unknown }
export interface Summary { root_group: Group; metrics: Record<string, Metric> }

export const readSummary = (file: string): Summary => JSON.parse(readFileSync(file, 'utf8')) as Summary

function * allChecks (group: Group): Generator<Check> {
  yield * Object.values(group.checks ?? {})
  for (const g of Object.values(group.groups ?? {})) yield * allChecks(g)
}

export interface Outcome {
  passed: number
  failed: number
  /** What failed, for the log: check names and crossed thresholds. */
  failures: string[]
}

/** Each check (by name) and each threshold counts once: passed when it never failed. */
export function outcome (summary: Summary): Outcome {
  const result: Outcome = { passed: 0, failed: 0, failures: [] }
  for (const c of allChecks(summary.root_group)) {
    if (c.fails === 0) result.passed++
    else {
      result.failed++
      result.failures.push(`check "${c.name}" failed ${c.fails} of ${c.passes + c.fails}`)
    }
  }
  for (const [metric, m] of Object.entries(summary.metrics)) {
    // In the export, a threshold's value is true when it was crossed.
    for (const [expr, crossed] of Object.entries(m.thresholds ?? {})) {
      if (!crossed) result.passed++
      else {
        result.failed++
        result.failures.push(`threshold ${metric} ${expr} crossed`)
      }
    }
  }
  return result
}

export interface Figures { rps: number; count: number; p50: number; p95: number; p99: number; failed: number }

/** Requests/s and latency percentiles of the requests tagged with route `name` (needs thresholds on both sub-metrics). */
export function routeFigures (summary: Summary, name: string): Figures {
  const d = summary.metrics[`http_req_duration{name:${name}}`]
  const r = summary.metrics[`http_reqs{name:${name}}`]
  if (!d || !r) throw new Error(`summary has no sub-metrics for ${name}`)
  const failed = summary.metrics.http_req_failed
  return {
    rps: r.rate as number,
    count: r.count as number,
    p50: d.med as number,
    p95: d['p(95)'] as number,
    p99: d['p(99)'] as number,
    failed: (failed?.value as number) ?? 0
  }
}

/** The negative script's counters: hostile requests tried and how many got a 5xx; undefined without a summary. */
export function hostileCounts (file: string): { tried: number, serverErrors: number } | undefined {
  try {
    const { metrics } = readSummary(file)
    return { tried: (metrics.hostile_requests?.count as number) ?? 0, serverErrors: (metrics.hostile_5xx?.count as number) ?? 0 }
  } catch {
    return undefined
  }
}
