import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { REPO_ROOT } from '@platform/kit'
import { buildApp } from '@platform/events'
import { loadEventsConfig } from '@platform/events/config'
import { bytesToUuid } from '@platform/ids'
import { freePort, childEnv, sleep } from '@platform/stack/testing'
import { cli, integer, userPath } from '../lib/args.js'
import { seededRandom } from '../lib/random.js'
import { CITIES } from './cities.js'
import { TOPICS } from './generate.js'

const usage = `usage: pnpm bench:events [--db FILE] [--requests 2000] [--http] [--duration 10] [--connections 10]
Server time of every query shape of the events service on a populated database (in-process,
through Fastify's inject, no network); with --http also requests/s of one real process under
autocannon (closed loop, --connections at once, --duration seconds per shape).`
const args = cli(usage, { db: { type: 'string' }, requests: { type: 'string' }, http: { type: 'boolean' }, duration: { type: 'string' }, connections: { type: 'string' } })
const file = typeof args.db === 'string' ? userPath(args.db) : loadEventsConfig().DATABASE_FILE
const requests = integer('requests', args.requests, 2000, 10)
const duration = integer('duration', args.duration, 10, 1)
const connections = integer('connections', args.connections, 10, 1)

const db = new Database(file, { readonly: true, fileMustExist: true })
const total = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n
const span = db.prepare('SELECT min(starts_at) AS lo, max(starts_at) AS hi FROM events').get() as { lo: number, hi: number }
const sampleIds = (db.prepare('SELECT event_id FROM events WHERE seq % 997 = 0').all() as { event_id: Buffer }[]).map((r) => bytesToUuid(r.event_id))
db.close()

const random = seededRandom(42)
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
const DAY = 86_400_000
const instant = () => new Date(span.lo + Math.floor(random() * (span.hi - span.lo))).toISOString()
const range = (days: number) => {
  const from = span.lo + Math.floor(random() * (span.hi - span.lo - days * DAY))
  return `from=${new Date(from).toISOString()}&to=${new Date(from + days * DAY).toISOString()}`
}
// Somewhere in a real city, a few km off its centre, as a user's position would be.
const spot = () => {
  const [, lat, lon] = pick(CITIES)
  return `near=${(lat + (random() - 0.5) * 0.1).toFixed(5)},${(lon + (random() - 0.5) * 0.1).toFixed(5)}`
}

export const SHAPES: [string, () => string][] = [
  ['one event by id', () => `/events/${pick(sampleIds)}`],
  ['start order, from an instant', () => `/events?from=${instant()}`],
  ['topic', () => `/events?topic=${pick(TOPICS)}`],
  ['topic, from an instant', () => `/events?topic=${pick(TOPICS)}&from=${instant()}`],
  ['time range: a day', () => `/events?${range(1)}`],
  ['time range: a week, topic', () => `/events?${range(7)}&topic=${pick(TOPICS)}`],
  ['near, 5 km', () => `/events?${spot()}&radius_km=5`],
  ['near, 50 km', () => `/events?${spot()}&radius_km=50`],
  ['near, 500 km', () => `/events?${spot()}&radius_km=500`],
  ['near 10 km, topic', () => `/events?${spot()}&radius_km=10&topic=${pick(TOPICS)}`],
  ['near 25 km, a week', () => `/events?${spot()}&radius_km=25&${range(7)}`],
  ['near 50 km, topic, a month', () => `/events?${spot()}&radius_km=50&topic=${pick(TOPICS)}&${range(30)}`],
  ['near, nothing there (mid-ocean, 200 km)', () => `/events?near=${(-40 + random() * 10).toFixed(4)},${(-130 + random() * 10).toFixed(4)}&radius_km=200`],
  ['limit 100, a day', () => `/events?${range(1)}&limit=100`]
]

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
const ms = (v: number) => `${v.toFixed(2)} ms`
process.stdout.write(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`)
process.stdout.write(`data: ${file}, ${total.toLocaleString('en-US')} events\n`)

const app = await buildApp(loadEventsConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: file }))
process.stdout.write(`\nserver time per request through Fastify (inject), ${requests.toLocaleString('en-US')} requests each:\n`)
// Wall time per request (what a client waits, queueing for a core included on a busy machine)
// and CPU time per request (this process's user + system time over the run / requests: what
// the request costs, whatever else the machine is doing).
process.stdout.write(`  ${'query'.padEnd(42)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'max'.padStart(9)} ${'CPU/req'.padStart(9)}  results (mean)\n`)
for (const [name, url] of SHAPES) {
  for (let i = 0; i < 200; i++) await app.inject({ method: 'GET', url: url() }) // warm up
  const times: number[] = []
  let results = 0
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < requests; i++) {
    const u = url()
    const t0 = performance.now()
    const res = await app.inject({ method: 'GET', url: u })
    times.push(performance.now() - t0)
    if (res.statusCode !== 200) throw new Error(`${name}: ${u}: ${res.statusCode} ${res.body}`)
    const body = res.json() as { events?: unknown[] }
    results += body.events ? body.events.length : 1
  }
  const cpu = process.cpuUsage(cpu0)
  times.sort((a, b) => a - b)
  const cpuPerRequest = (cpu.user + cpu.system) / 1000 / requests
  process.stdout.write(`  ${name.padEnd(42)} ${ms(percentile(times, 50)).padStart(9)} ${ms(percentile(times, 99)).padStart(9)} ${ms(times.at(-1)!).padStart(9)} ${ms(cpuPerRequest).padStart(9)}  ${(results / requests).toFixed(1)}\n`)
}
await app.close()

if (args.http) {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/events/src/server.ts'], {
    cwd: REPO_ROOT,
    env: childEnv({ HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', GATEWAY_ANNOUNCE_DIR: '', DATABASE_FILE: file }),
    stdio: ['ignore', 'inherit', 'inherit']
  })
  const cpuSeconds = () => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100 // utime + stime, in clock ticks of 1/100 s
  }
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break
    } catch {}
    await sleep(100)
  }
  process.stdout.write(`\none process over HTTP, autocannon: ${connections} connections, ${duration} s per query (requests/s per core = requests/s / the service's CPU share):\n`)
  process.stdout.write(`  ${'query'.padEnd(42)} ${'req/s'.padStart(8)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'CPU'.padStart(6)} ${'req/s/core'.padStart(11)}\n`)
  for (const [name, url] of SHAPES.filter(([n]) => !n.startsWith('limit'))) {
    const cpu0 = cpuSeconds()
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: url() }) }]
    })
    const cpu = (cpuSeconds() - cpu0) / duration
    const rps = result.requests.average
    if (result.non2xx > 0 || result.errors > 0) process.stdout.write(`  ${name}: ${result.non2xx} non-2xx, ${result.errors} errors\n`)
    process.stdout.write(`  ${name.padEnd(42)} ${rps.toFixed(0).padStart(8)} ${`${result.latency.p50}`.padStart(6)} ms ${`${result.latency.p99}`.padStart(5)} ms ${`${Math.round(cpu * 100)}%`.padStart(6)} ${(rps / cpu).toFixed(0).padStart(11)}\n`)
  }
  child.kill('SIGTERM')
}
