import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir, cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { buildLayout } from '@platform/stats/layout'
import { cli, integer } from '../lib/args.js'
import { generate, GENERATE_DEFAULTS } from './generate.js'

const usage = `usage: pnpm bench:populate [--users 100000] [--games 1000000] [--runs 3]
Times populate (generate + build the sharded layout) into a temporary folder; prints rows/s.`
const args = cli(usage, { users: { type: 'string' }, games: { type: 'string' }, runs: { type: 'string' } })
const options = {
  ...GENERATE_DEFAULTS,
  users: integer('users', args.users, GENERATE_DEFAULTS.users),
  games: integer('games', args.games, GENERATE_DEFAULTS.games)
}
const runs = integer('runs', args.runs, 3, 1)

process.stdout.write(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`)
process.stdout.write(`populate ${options.users.toLocaleString('en-US')} users / ${options.games.toLocaleString('en-US')} games, 3 shards, ${runs} run(s)\n`)
const totals: number[] = []
for (let r = 1; r <= runs; r++) {
  const out = mkdtempSync(join(tmpdir(), 'bench-populate-'))
  const t0 = performance.now()
  const input = generate(options)
  const t1 = performance.now()
  await buildLayout(input, { out, shardCount: 3 })
  const t2 = performance.now()
  rmSync(out, { recursive: true, force: true })
  const total = (t2 - t0) / 1000
  totals.push(total)
  const rows = options.users + options.games
  process.stdout.write(
    `run ${r}: ${total.toFixed(2)} s (generate ${((t1 - t0) / 1000).toFixed(2)} s, write ${((t2 - t1) / 1000).toFixed(2)} s), ` +
      `${Math.round(rows / total).toLocaleString('en-US')} rows/s\n`
  )
}
const sorted = [...totals].sort((a, b) => a - b)
const median = sorted[Math.floor(sorted.length / 2)]!
process.stdout.write(`median ${median.toFixed(2)} s, ${Math.round((options.users + options.games) / median).toLocaleString('en-US')} rows/s (target: under 10 s)\n`)
