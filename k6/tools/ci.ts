// The k6 part of `pnpm -r test`: start a fresh stack (temporary shards, data and gateway files,
// free ports: never the user's data nor a stack already running), wait until every instance is
// routed, run smoke and negative through the gateway, stop the stack. Any failed check or
// threshold fails the command.
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStack, type Stack } from '../../scripts/stack/stack.js'
import { freeStackPorts } from './free-ports.js'
import { runK6, repoRoot, resultsRoot } from './k6.js'
import { outcome, readSummary } from './summary.js'

interface TestStack { stack: Stack; baseUrl: string; log: string; tmp: string }

async function startTestStack(): Promise<TestStack> {
  const tmp = mkdtempSync(join(tmpdir(), 'k6-ci-'))
  const log = join(tmp, 'stack.log')
  const out = createWriteStream(log)
  const procfileTypes = readFileSync(join(repoRoot, 'Procfile'), 'utf8').split('\n').filter((l) => /^[\w-]+:/.test(l)).length
  const ports = await freeStackPorts(procfileTypes, 3)
  try {
    const stack = await startStack({
      ...ports,
      workDir: join(tmp, 'gateway'),
      shardsDir: join(tmp, 'shards'),
      dataDir: join(tmp, 'data'),
      populate: false,
      readyTimeoutMs: 120_000,
      log: (line) => out.write(line + '\n')
    })
    console.log(`k6: test stack ready on ${stack.url} (${stack.summary})`)
    return { stack, baseUrl: `http://127.0.0.1:${ports.port}`, log, tmp }
  } catch (err) {
    showLog(log)
    rmSync(tmp, { recursive: true, force: true })
    throw err
  }
}

function showLog(log: string): void {
  console.error(`--- stack log (last lines) ---\n${readFileSync(log, 'utf8').split('\n').slice(-40).join('\n')}`)
}

async function stopTestStack({ stack, log, tmp }: TestStack, showingLog: boolean): Promise<void> {
  await stack.stop()
  if (showingLog) showLog(log)
  rmSync(tmp, { recursive: true, force: true })
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)
let passed = 0
let failed = 0
let stack: TestStack | undefined
// Interrupted (Ctrl-C, a CI time limit): stop the stack's processes rather than orphan them.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`k6: ${sig}, stopping the test stack`)
    void (stack ? stopTestStack(stack, false) : Promise.resolve()).finally(() => process.exit(1))
  })
}
try {
  stack = await startTestStack()
  for (const script of ['smoke', 'negative']) {
    const run = await runK6({
      script,
      vars: { BASE_URL: stack.baseUrl },
      outDir: join(resultsRoot, `ci-${stamp}`, script),
      stdio: 'quiet'
    })
    let result
    try {
      result = outcome(readSummary(run.summary))
    } catch {
      result = { passed: 0, failed: 1, failures: [`k6 ${script} wrote no summary (exit ${run.code})`] }
    }
    // k6 can also fail without a crossed threshold (script error, exit 107): that is a failure too.
    if (run.code !== 0 && result.failed === 0) result = { ...result, failed: 1, failures: [`k6 ${script} exited ${run.code}`] }
    passed += result.passed
    failed += result.failed
    console.log(`k6 ${script}: ${result.passed} passed, ${result.failed} failed`)
    for (const f of result.failures) console.log(`  not ok: ${f}`)
    if (result.failed > 0) console.log(`  k6's output: ${join(run.outDir, 'k6-output.txt')}`)
  }
  await stopTestStack(stack, failed > 0)
} catch (err) {
  failed++
  console.error(`k6: ${(err as Error).message}`)
  if (stack) await stopTestStack(stack, true)
}
console.log(`k6: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
