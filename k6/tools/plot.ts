// pnpm k6:plot [run folder | metrics.json(.gz)] [--window S] [--table S] [--route NAME] [--title T] [--out FILE.png]
// Turns a k6 run into an image of latency percentiles, throughput, errors and VUs over time
// (SVG and PNG next to the run, or --out), and prints the same data per --table window.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Resvg } from '@resvg/resvg-js'
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { resultsRoot } from './k6.js'
import { readTimeline, formatTable, type Window } from './timeline.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    window: { type: 'string' },
    table: { type: 'string', default: '10' },
    route: { type: 'string' },
    title: { type: 'string' },
    out: { type: 'string' }
  }
})

const metricsFile = locate(positionals[0])
const runDir = dirname(metricsFile)
const probe = await readTimeline(metricsFile, 1, values.route)
// About 60 points across the chart whatever the run's length: fewer reads better than noisier.
const windowSeconds = Number(values.window ?? Math.max(1, Math.round(probe.length / 60)))
const windows = windowSeconds === 1 ? probe : await readTimeline(metricsFile, windowSeconds, values.route)
if (windows.length === 0) throw new Error(`no HTTP samples in ${metricsFile}`)

const tableSeconds = Number(values.table)
console.log(formatTable(await readTimeline(metricsFile, tableSeconds, values.route)))

const title = values.title ?? defaultTitle()
const svg = await render(chartSpec(windows, title))
const png = values.out ? resolve(values.out) : join(runDir, 'timeline.png')
writeFileSync(png.replace(/\.png$/, '.svg'), svg)
const image = new Resvg(svg, {
  background: 'white',
  fitTo: { mode: 'zoom', value: 2 },
  font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
}).render()
writeFileSync(png, image.asPng())
console.log(`\nimage: ${png} (and .svg)`)

function defaultTitle (): string {
  const metaFile = join(runDir, 'meta.json')
  if (!existsSync(metaFile)) return `k6 ${basename(runDir)}`
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { script: string; started: string; vars: Record<string, string> }
  const when = meta.started.slice(0, 16).replace('T', ' ')
  return `k6 ${meta.script}${values.route ? ` ${values.route}` : ''} against ${meta.vars.BASE_URL ?? '?'}, ${when} UTC`
}

/** A run folder (its metrics.json.gz), a metrics file, or nothing: the newest run under results/. */
function locate (arg: string | undefined): string {
  if (arg && statSync(arg).isFile()) return resolve(arg)
  const dir = arg ? resolve(arg) : newestRun()
  for (const name of ['metrics.json.gz', 'metrics.json']) if (existsSync(join(dir, name))) return join(dir, name)
  throw new Error(`no metrics.json(.gz) in ${dir}: was the run made with K6_RAW_METRICS=false?`)
}

function newestRun (): string {
  const runs = readdirSync(resultsRoot)
    .map((name) => join(resultsRoot, name))
    .filter((p) => existsSync(join(p, 'metrics.json.gz')))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
  if (!runs[0]) throw new Error(`no run with raw metrics under ${resultsRoot}`)
  return runs[0]
}

function chartSpec (rows: Window[], chartTitle: string): TopLevelSpec {
  const latency = rows.flatMap((w) =>
    (['p50', 'p95', 'p99'] as const).filter((k) => !Number.isNaN(w[k])).map((k) => ({ t: w.t, ms: w[k], series: k }))
  )
  const shed = rows.some((w) => w.dropped > 0)
  const rates = rows.flatMap((w) => [
    { t: w.t, rate: w.requests / w.seconds, series: 'requests/s' },
    { t: w.t, rate: w.failed / w.seconds, series: 'failed/s' },
    ...(shed ? [{ t: w.t, rate: w.dropped / w.seconds, series: 'dropped journeys/s' }] : [])
  ])
  const spread = Math.max(...latency.map((d) => d.ms)) / Math.max(0.1, Math.min(...latency.map((d) => d.ms)))
  const end = rows[rows.length - 1]!.t
  const x = { field: 't', type: 'quantitative' as const, title: 'seconds since start', scale: { domain: [0, end], nice: false } }
  const width = 900
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: chartTitle, subtitle: `${rows[0]!.seconds}s windows`, anchor: 'start', fontSize: 16 },
    config: { font: 'DejaVu Sans, sans-serif', view: { stroke: '#ddd' }, axis: { labelFontSize: 12, titleFontSize: 13 } },
    vconcat: [
      {
        width,
        height: 260,
        data: { values: latency },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          // A log scale when latency spans orders of magnitude (stress), so the quiet part stays readable.
          y: { field: 'ms', type: 'quantitative', title: 'latency (ms)', scale: spread > 50 ? { type: 'log' } : {} },
          color: { field: 'series', title: 'percentile', scale: { domain: ['p50', 'p95', 'p99'], range: ['#2b8cbe', '#fdae61', '#d7191c'] } }
        }
      },
      {
        width,
        height: 180,
        data: { values: rates },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'rate', type: 'quantitative', title: 'per second' },
          color: { field: 'series', title: 'throughput', scale: { domain: ['requests/s', 'failed/s', ...(shed ? ['dropped journeys/s'] : [])], range: ['#1a9850', '#d7191c', '#999999'] } }
        }
      },
      {
        width,
        height: 100,
        data: { values: rows.map((w) => ({ t: w.t, vus: w.vus })) },
        mark: { type: 'area', opacity: 0.5, color: '#756bb1', line: true },
        encoding: { x, y: { field: 'vus', type: 'quantitative', title: 'active VUs' } }
      }
    ],
    resolve: { scale: { color: 'independent', x: 'shared' } }
  }
}

async function render (spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' })
  return view.toSVG()
}
