// Running k6 the same way everywhere: the binary the setup provides, results in a git-ignored
// folder per run (JSON summary, HTML report, raw metrics for the plot), nothing from the network.
import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '@platform/kit'

export const scriptsDir = join(REPO_ROOT, 'k6/scripts')
export const resultsRoot = join(REPO_ROOT, 'results')

/** K6_BIN, else the setup's .tools/bin/k6, else k6 on PATH. */
export function k6Binary (): string {
  if (process.env.K6_BIN) return process.env.K6_BIN
  const local = join(REPO_ROOT, '.tools/bin/k6')
  return existsSync(local) ? local : 'k6'
}

export interface RunOptions {
  /** Script name under k6/scripts, without .js: smoke, load, stress, negative, bench. */
  script: string
  /** Variables for the script (-e), e.g. BASE_URL, DURATION. */
  vars?: Record<string, string | undefined>
  /** Where this run's files go; default results/<script>-<UTC time>. */
  outDir?: string
  /** Raw per-request metrics for the plot (costs k6 some CPU on a busy machine). */
  rawMetrics?: boolean
  /** Where k6's own output goes: the terminal (a person watching) or k6-output.txt and k6.log (CI). */
  stdio?: 'inherit' | 'quiet'
  extraArgs?: string[]
  /** Told k6's pid once it runs (the perf table measures its CPU). */
  onSpawn?: (pid: number) => void
}

export interface RunResult {
  code: number
  outDir: string
  summary: string
  report: string
  metrics?: string
}

// k6 reads K6_DURATION, K6_VUS, K6_ITERATIONS and K6_STAGES as its own options, and any of them
// replaces a script's scenarios. The scripts take these as plain variables instead.
const SHADOWED = ['DURATION', 'VUS', 'ITERATIONS', 'STAGES']
const SHORT = ['smoke', 'negative']

export function runK6 (opts: RunOptions): Promise<RunResult> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)
  const outDir = opts.outDir ?? join(resultsRoot, `${opts.script}-${stamp}`)
  mkdirSync(outDir, { recursive: true })
  const summary = join(outDir, 'summary.json')
  const report = join(outDir, 'report.html')
  const metrics = opts.rawMetrics === false ? undefined : join(outDir, 'metrics.json.gz')

  const env: NodeJS.ProcessEnv = { ...process.env }
  const vars: Record<string, string | undefined> = { ...opts.vars }
  for (const name of SHADOWED) {
    const value = env[`K6_${name}`]
    delete env[`K6_${name}`]
    if (value !== undefined && vars[name] === undefined) vars[name] = value
  }
  Object.assign(env, {
    K6_NO_USAGE_REPORT: 'true',
    K6_WEB_DASHBOARD: 'true',
    K6_WEB_DASHBOARD_PORT: '-1', // no dashboard server: only the exported report
    // The report needs two snapshots at least: short runs (smoke, negative) take them often.
    K6_WEB_DASHBOARD_PERIOD: env.K6_WEB_DASHBOARD_PERIOD ?? (SHORT.includes(opts.script) ? '100ms' : '1s'),
    K6_WEB_DASHBOARD_EXPORT: report
  })

  // What the plot needs to title a run, and what a person needs to know it again later.
  const meta = { script: opts.script, started: new Date().toISOString(), vars, k6: k6Binary() }
  writeFileSync(join(outDir, 'meta.json'), JSON.stringify(meta, null, 2))

  const args = [
    'run',
    '--address', '', // no REST API port: runs in parallel never collide on :6565
    '--summary-export', summary,
    '--summary-trend-stats', 'avg,min,med,max,p(90),p(95),p(99)',
    ...(metrics ? ['--out', `json=${metrics}`] : []),
    ...Object.entries(vars).flatMap(([k, v]) => (v === undefined ? [] : ['-e', `${k}=${v}`])),
    ...(opts.stdio === 'quiet' ? ['--quiet', '--no-color'] : []),
    ...(opts.extraArgs ?? []),
    join(scriptsDir, `${opts.script}.js`)
  ]
  return new Promise((resolve, reject) => {
    const quiet = opts.stdio === 'quiet'
    const child = spawn(k6Binary(), args, { env, stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'] })
    if (quiet) {
      const out = createWriteStream(join(outDir, 'k6-output.txt'))
      child.stdout!.pipe(out)
      child.stderr!.pipe(out)
    }
    if (child.pid) opts.onSpawn?.(child.pid)
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new Error(`k6 not found (${k6Binary()}): run scripts/setup-tools.sh or put k6 on PATH`) : err)
    )
    child.on('close', (code, signal) => {
      resolve({ code: code ?? (signal ? 1 : 0), outDir, summary, report, metrics })
    })
  })
}
