// pnpm k6:perf [--shards DIR] [--duration 30s] [--vus 50] [--repeat 1] [--configs traefik-3,traefik-1,direct]
//              [--endpoints stats,wins,streaks,games]
// The README's performance table: each stats endpoint alone (scripts/bench.js) through Traefik
// with 3 and with 1 stats instance, and straight to one instance. Serves a copy of the data set
// (default shards/, the populated one) from throwaway stacks; prints a markdown table with the
// CPU each process used, to say what limits each figure.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { machineTicks, treeCpuSeconds } from './cpu.js'
import { REPO_ROOT } from '@platform/kit'
import { resultsRoot, runK6 } from './k6.js'
import { readSummary, routeFigures } from './summary.js'
import { startTestStack } from '@platform/stack/testing'

const { values } = parseArgs({
  options: {
    shards: { type: 'string', default: join(REPO_ROOT, 'shards') },
    duration: { type: 'string', default: '30s' },
    vus: { type: 'string', default: '50' },
    repeat: { type: 'string', default: '1' },
    configs: { type: 'string', default: 'traefik-3,traefik-1,direct' },
    endpoints: { type: 'string', default: 'stats,wins,streaks,games' }
  }
})

const ROUTE = { stats: 'GET /stats/users/{id}', wins: 'GET /stats/leaderboards/wins', streaks: 'GET /stats/leaderboards/streaks', games: 'POST /stats/games' } as const
type Endpoint = keyof typeof ROUTE
const CONFIGS = {
  'traefik-3': { label: 'Traefik, 3 instances', formation: 'stats=3', direct: false },
  'traefik-1': { label: 'Traefik, 1 instance', formation: 'stats=1', direct: false },
  direct: { label: 'direct, 1 instance', formation: 'stats=1', direct: true }
} as const
type ConfigName = keyof typeof CONFIGS

const endpoints = values.endpoints.split(',') as Endpoint[]
const configs = values.configs.split(',') as ConfigName[]
for (const e of endpoints) if (!(e in ROUTE)) throw new Error(`unknown endpoint ${e}`)
for (const c of configs) if (!(c in CONFIGS)) throw new Error(`unknown config ${c}`)

const work = mkdtempSync(join(tmpdir(), 'k6-perf-'))
const outRoot = join(resultsRoot, `perf-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`)
const rows: string[] = []
try {
  // A copy: POST /stats/games writes, and the user's data set must stay as it is.
  const shards = join(work, 'shards')
  if (!existsSync(join(resolve(values.shards), 'layout.json'))) {
    throw new Error(`no data set in ${values.shards}: run pnpm stats:populate first, or pass --shards DIR`)
  }
  cpSync(resolve(values.shards), shards, { recursive: true })
  const idsFile = join(work, 'user-ids.json')
  writeFileSync(idsFile, JSON.stringify(sampleUserIds(join(shards, (JSON.parse(readFileSync(join(shards, 'layout.json'), 'utf8')) as { users: string }).users), 5000)))

  for (let round = 1; round <= Number(values.repeat); round++) {
    for (const name of configs) {
      const config = CONFIGS[name]
      const test = await startTestStack({ formation: config.formation, env: { SHARDS_DIR: shards } })
      try {
        const statsPids = test.processes.filter((c) => c.spec.name.startsWith('stats.')).map((c) => c.pid!)
        const gatewayPid = test.processes.find((c) => c.spec.name.startsWith('traefik.'))!.pid!
        const instancePort = test.plan.find((p) => p.name === 'stats.1')!.port
        const baseUrl = config.direct ? `http://127.0.0.1:${instancePort}` : test.baseUrl
        for (const endpoint of endpoints) {
          let k6Pid = 0
          const roots = () => ({ k6: k6Pid, gateway: gatewayPid, ...Object.fromEntries(statsPids.map((p, i) => [`stats.${i + 1}`, p])) })
          let before: Record<string, number> = {}
          let last: Record<string, number> = {}
          // k6's own CPU can only be read while it runs: sampled each second, the last one counts.
          const sampler = setInterval(() => k6Pid && (last = treeCpuSeconds(roots())), 1000)
          const machine0 = machineTicks()
          const started = Date.now()
          const run = await runK6({
            script: 'bench',
            vars: { BASE_URL: baseUrl, ENDPOINT: endpoint, VUS: values.vus, DURATION: values.duration, USER_IDS_FILE: idsFile },
            outDir: join(outRoot, `${round}-${name}-${endpoint}`),
            rawMetrics: false,
            stdio: 'quiet',
            onSpawn: (pid) => {
              k6Pid = pid
              before = treeCpuSeconds(roots())
            }
          })
          clearInterval(sampler)
          const after: Record<string, number> = { ...treeCpuSeconds(roots()), k6: last.k6 ?? 0 }
          const seconds = (Date.now() - started) / 1000
          const machine1 = machineTicks()
          const busy = (100 * (machine1.busy - machine0.busy)) / (machine1.total - machine0.total)
          const f = routeFigures(readSummary(run.summary), ROUTE[endpoint])
          const cpu = Object.keys(after)
            .filter((k) => !(config.direct && k === 'gateway'))
            .map((k) => `${k} ${Math.round((100 * (after[k]! - (before[k] ?? 0))) / seconds)}%`)
            .join(', ')
          const row = `| ${ROUTE[endpoint]} | ${config.label} | ${f.rps.toFixed(0)} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} | ${f.p99.toFixed(1)} | ${(100 * f.failed).toFixed(2)}% | ${cpu}; machine ${busy.toFixed(0)}% |`
          console.log(row)
          rows.push(row)
        }
      } finally {
        await test.stop()
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
console.log(`\n${values.vus} VUs, ${values.duration} per row, results in ${outRoot}\n`)
console.log('| endpoint | through | req/s | p50 ms | p95 ms | p99 ms | failed | CPU (100% = one core) |')
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |')
for (const r of rows) console.log(r)

function sampleUserIds (file: string, count: number): string[] {
  const db = new Database(file, { readonly: true })
  try {
    const rows = db.prepare('SELECT user_id FROM users ORDER BY random() LIMIT ?').pluck().all(count) as Buffer[]
    return rows.map((b) => {
      const h = b.toString('hex')
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    })
  } finally {
    db.close()
  }
}
