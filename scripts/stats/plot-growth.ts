import { readFileSync, writeFileSync } from 'node:fs'
import { cli, userPath } from '../lib/args.js'

const usage = `usage: tsx scripts/stats/plot-growth.ts --data scripts/stats/perf/stats-cli-growth.json --out scripts/stats/perf/stats-cli-growth.svg
Draws how the stats CLIs' time grows with the data set (log-log): the floor, populate and migrate,
from the figures pnpm bench:populate --json wrote (one object per size, gathered in one array).`
const args = cli(usage, { data: { type: 'string' }, out: { type: 'string' } })
const data = userPath(typeof args.data === 'string' ? args.data : 'scripts/stats/perf/stats-cli-growth.json')
const out = userPath(typeof args.out === 'string' ? args.out : 'scripts/stats/perf/stats-cli-growth.svg')

interface Point { games: number; floor_s: number | null; populate_s: number; migrate_s: number | null; note?: string }
const points = (JSON.parse(readFileSync(data, 'utf8')) as Point[]).sort((a, b) => a.games - b.games)

const W = 660
const H = 380
const M = { left: 70, right: 170, top: 30, bottom: 50 }
const log = Math.log10
const xs = points.map((p) => p.games)
const ys = points.flatMap((p) => [p.floor_s ?? p.populate_s, p.populate_s, p.migrate_s ?? p.populate_s])
const x0 = Math.floor(log(Math.min(...xs)))
const x1 = Math.ceil(log(Math.max(...xs)))
const y0 = Math.floor(log(Math.min(...ys)))
const y1 = Math.ceil(log(Math.max(...ys)))
const X = (v: number) => M.left + ((log(v) - x0) / (x1 - x0)) * (W - M.left - M.right)
const Y = (v: number) => H - M.bottom - ((log(v) - y0) / (y1 - y0)) * (H - M.top - M.bottom)
const fmt = (v: number) => (v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : String(v))

const parts: string[] = []
for (let e = x0; e <= x1; e++) {
  parts.push(`<line x1="${X(10 ** e)}" y1="${M.top}" x2="${X(10 ** e)}" y2="${H - M.bottom}" stroke="#ddd"/>`)
  parts.push(`<text x="${X(10 ** e)}" y="${H - M.bottom + 18}" text-anchor="middle">${fmt(10 ** e)}</text>`)
}
for (let e = y0; e <= y1; e++) {
  parts.push(`<line x1="${M.left}" y1="${Y(10 ** e)}" x2="${W - M.right}" y2="${Y(10 ** e)}" stroke="#ddd"/>`)
  parts.push(`<text x="${M.left - 8}" y="${Y(10 ** e) + 4}" text-anchor="end">${10 ** e >= 1 ? 10 ** e : (10 ** e).toFixed(-e)} s</text>`)
}
const series: [string, string, (p: Point) => number | null][] = [
  ['floor (bare inserts)', '#888', (p) => p.floor_s],
  ['stats:populate', '#1f77b4', (p) => p.populate_s],
  ['stats:migrate', '#d62728', (p) => p.migrate_s]
]
series.forEach(([name, colour, value], i) => {
  const pts = points.filter((p) => value(p) !== null).map((p) => `${X(p.games).toFixed(1)},${Y(value(p)!).toFixed(1)}`)
  parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.join(' ')}"/>`)
  for (const pt of pts) parts.push(`<circle cx="${pt.split(',')[0]}" cy="${pt.split(',')[1]}" r="3" fill="${colour}"/>`)
  parts.push(`<line x1="${W - M.right + 12}" y1="${M.top + 10 + 20 * i}" x2="${W - M.right + 32}" y2="${M.top + 10 + 20 * i}" stroke="${colour}" stroke-width="2"/>`)
  parts.push(`<text x="${W - M.right + 38}" y="${M.top + 14 + 20 * i}">${name}</text>`)
})
points.filter((p) => p.note).forEach((p, i) => {
  const words = `${fmt(p.games)}: ${p.note}`.split(' ')
  const lines: string[] = ['']
  for (const w of words) {
    if ((lines[lines.length - 1]! + ' ' + w).length > 24) lines.push(w)
    else lines[lines.length - 1] = `${lines[lines.length - 1]} ${w}`.trim()
  }
  lines.forEach((line, k) => parts.push(`<text x="${W - M.right + 12}" y="${M.top + 90 + 14 * (k + 6 * i)}" font-size="10" fill="#555">${line}</text>`))
})
parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">games (users = games / 10), 3 shards</text>`)
parts.push(`<text x="16" y="${(M.top + H - M.bottom) / 2}" transform="rotate(-90 16 ${(M.top + H - M.bottom) / 2})" text-anchor="middle">wall time, log scale</text>`)

writeFileSync(out, `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#999"/>
${parts.join('\n')}
</svg>
`)
process.stdout.write(`wrote ${out}\n`)
