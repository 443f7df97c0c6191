// pnpm bench:start [--runs 3] [--users 100000 --games 1000000]: one stats instance started the
// two ways it can run, alternating in one run: its TypeScript through the tsx loader (what tests
// and `pnpm --dir apps/stats start` do) and compiled (the Procfile's command, dist/). For each
// start: spawn to the first 200 from /health, resident memory 3 s after (idle), the peak under
// 5 s of autocannon (64 connections, GET stats), and the process's threads. Prints a table.
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { ensureBuilt } from '@platform/stack/testing'
import { cli, integer } from '../lib/args.js'
import { benchLayoutDir, copyLayout, ensureLayout, sampleUserIds } from './data.js'
import { drive } from './load.js'
import { procfileCommand, startProcess } from './processes.js'

const args = cli('usage: pnpm bench:start [--runs 3] [--users 100000] [--games 1000000]', { runs: { type: 'string' }, users: { type: 'string' }, games: { type: 'string' } })
const runs = integer('runs', args.runs, 3, 1)
const users = integer('users', args.users, 100_000, 1)
const games = integer('games', args.games, 1_000_000, 1)

const say = (line: string) => process.stderr.write(line + '\n')
await ensureBuilt()
const source = benchLayoutDir(users, games)
ensureLayout(source, users, games, say)
const ids = sampleUserIds(source, 2000)
const copy = copyLayout(source)
const env = { SHARDS_DIR: copy.shards, SHARD_COUNT: String(copy.shardCount) }

/** A field of /proc/<pid>/status in MB (VmRSS) or as a count (Threads). */
function status (pid: number, field: 'VmRSS' | 'Threads'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`))!
  const n = Number(line.split(/\s+/)[1])
  return field === 'VmRSS' ? n / 1024 : n
}

const WAYS: [string, string][] = [
  ['`node --import tsx` (sources)', 'exec node --import tsx apps/stats/src/server.ts'],
  ['compiled (the Procfile: dist/)', procfileCommand('stats')]
]
const results = new Map<string, { startMs: number, idle: number, loaded: number, threads: number }[]>(WAYS.map(([name]) => [name, []]))
let turn = 0
try {
  for (let run = 1; run <= runs; run++) {
    for (const [name, command] of WAYS) {
      say(`run ${run}: ${name}`)
      const p = await startProcess(command, { ...env, LOG_LEVEL: 'info' }, join(copy.work, 'stats.out'), '/health')
      try {
        await sleep(3000)
        const idle = status(p.pid, 'VmRSS')
        let loaded = idle
        const sample = setInterval(() => { loaded = Math.max(loaded, status(p.pid, 'VmRSS')) }, 100)
        await drive(p.url, () => ({ method: 'GET', path: `/stats/users/${ids[turn++ % ids.length]}` }), { connections: 64, duration: 5, warmup: 0 }, [p.pid])
        clearInterval(sample)
        results.get(name)!.push({ startMs: p.startedInMs, idle, loaded, threads: status(p.pid, 'Threads') })
      } finally {
        await p.stop()
      }
    }
  }
} finally {
  rmSync(copy.work, { recursive: true, force: true })
}

const list = (xs: number[], unit: string, digits = 0) => xs.map((x) => x.toFixed(digits)).join(' / ') + unit
const lines = ['| | start-up | RSS idle | RSS under load | threads |', '|---|--:|--:|--:|--:|']
for (const [name, rs] of results) {
  lines.push(`| ${name} | ${list(rs.map((r) => r.startMs / 1000), ' s', 1)} | ${list(rs.map((r) => r.idle), ' MB')} | ${list(rs.map((r) => r.loaded), ' MB')} | ${[...new Set(rs.map((r) => r.threads))].join(', ')} |`)
}
process.stdout.write(`${lines.join('\n')}\n`)
