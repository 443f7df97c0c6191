// The last lines of `pnpm test`: one line per workspace suite from pnpm's own report
// (pnpm -r --report-summary writes pnpm-exec-summary.json), then the count.
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { REPO_ROOT } from '@platform/kit'

interface Execution { status: 'passed' | 'failure' | 'queued' | 'running' | 'skipped', duration?: number }
const { executionStatus } = JSON.parse(readFileSync(join(REPO_ROOT, 'pnpm-exec-summary.json'), 'utf8')) as {
  executionStatus: Record<string, Execution>
}
const suites = Object.entries(executionStatus).map(([dir, e]) => ({ dir: relative(REPO_ROOT, dir), ...e }))
process.stdout.write('\n=== test suites\n')
for (const s of suites) {
  const seconds = ((s.duration ?? 0) / 1000).toFixed(0).padStart(4)
  process.stdout.write(`${s.status === 'passed' ? 'ok  ' : 'FAIL'} ${s.dir.padEnd(24)} ${seconds} s\n`)
}
const failed = suites.filter((s) => s.status !== 'passed').length
process.stdout.write(`suites: ${suites.length - failed} passed, ${failed} failed\n`)
