import { verifyLayout, type VerifyReport } from '@platform/stats/layout'
import { DEFAULT_SHARDS_DIR } from '@platform/stats/config'
import { cli, userPath } from '../lib/args.js'
import { progress } from '../lib/progress.js'

const usage = `usage: pnpm stats:verify [--dir shards/]
Checks a layout: the manifest (shard count, file list, row counts), shard placement, users of
games, aggregates and winning runs against the games, orphan runs, integrity. Reads a consistent
snapshot of a live layout. Exits 1 naming each fault.`

const args = cli(usage, { dir: { type: 'string' } })
const dir = typeof args.dir === 'string' ? userPath(args.dir) : DEFAULT_SHARDS_DIR

const bar = progress()
const started = performance.now()
let report: VerifyReport
try {
  report = verifyLayout(dir, (done, total) => bar.update('verify', done, total))
} catch (err) {
  bar.stop()
  process.stderr.write(`stats:verify: ${(err as Error).message}\n`)
  process.exit(1)
}
bar.stop()
for (const note of report.notes) process.stderr.write(`note: ${note}\n`)
const seconds = ((performance.now() - started) / 1000).toFixed(1)
if (report.faults.length > 0) {
  for (const fault of report.faults) process.stderr.write(`FAULT ${fault}\n`)
  process.stderr.write(`stats:verify: ${dir}: ${report.faults.length} fault(s) in ${seconds} s\n`)
  process.exit(1)
}
process.stdout.write(`ok: ${dir}: ${report.users.toLocaleString('en-US')} users, ${report.games.toLocaleString('en-US')} games, no faults (${seconds} s)\n`)
