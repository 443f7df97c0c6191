import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

// Runs every workspace package's test suite, one after the other (they start real processes
// and would fight for the two cores), goes on past a failure, and ends with one summary line.
const root = fileURLToPath(new URL('..', import.meta.url))
const workspace = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
const patterns = [...workspace.matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((m) => m[1]!).filter((p) => !p.includes(':'))
const dirs = patterns.flatMap((pattern) => {
  if (!pattern.endsWith('/*')) return [pattern]
  const parent = pattern.slice(0, -2)
  return readdirSync(join(root, parent)).sort().map((d) => `${parent}/${d}`)
})

const results: { dir: string; ok: boolean; seconds: number }[] = []
for (const dir of dirs) {
  const manifest = join(root, dir, 'package.json')
  if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test) continue
  process.stdout.write(`\n=== ${dir}\n`)
  const started = performance.now()
  const run = spawnSync('pnpm', ['--dir', dir, 'test'], { cwd: root, stdio: 'inherit' })
  results.push({ dir, ok: run.status === 0, seconds: (performance.now() - started) / 1000 })
}

process.stdout.write('\n=== test suites\n')
for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.dir.padEnd(22)} ${r.seconds.toFixed(0).padStart(4)} s\n`)
const failed = results.filter((r) => !r.ok).length
process.stdout.write(`suites: ${results.length - failed} passed, ${failed} failed\n`)
process.exit(failed === 0 && results.length > 0 ? 0 : 1)
