// The k6 part of `pnpm -r test`: start a fresh stack (temporary data, free gateway port, never
// the user's data or a stack already running), wait until it is routed, run smoke and negative
// through the gateway, stop the stack. Fails when any check or threshold fails.
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { runK6, repoRoot, resultsRoot } from './k6.js'
import { outcome, readSummary } from './summary.js'

const READY_TIMEOUT_MS = 120_000
const STOP_TIMEOUT_MS = 30_000

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))))
    })
  })
}

interface Stack { child: ChildProcess; baseUrl: string; log: string; tmp: string }

async function startStack(): Promise<Stack> {
  const tmp = mkdtempSync(join(tmpdir(), 'k6-ci-'))
  const port = await freePort()
  const log = join(tmp, 'stack.log')
  const out = createWriteStream(log)
  const args = ['--import', 'tsx', 'scripts/stack/start.ts', '--port', String(port),
    '--shards-dir', join(tmp, 'shards'), '--data-dir', join(tmp, 'data'), '--no-populate']
  // Its own process group, so a stack that ignores SIGTERM can still be ended whole, by its id.
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  child.stderr!.pipe(out)
  const ready = new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`stack not ready after ${READY_TIMEOUT_MS / 1000}s`)), READY_TIMEOUT_MS)
    child.once('exit', (code, signal) => reject(new Error(`stack exited before it was ready (${code ?? signal})`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      out.write(line + '\n')
      if (line.startsWith('ready:')) {
        clearTimeout(timer)
        console.log(`k6: stack ${line}`)
        resolveReady()
      }
    })
  })
  const stack = { child, baseUrl: `http://127.0.0.1:${port}`, log, tmp }
  try {
    await ready
  } catch (err) {
    await stopStack(stack, true)
    throw err
  }
  return stack
}

async function stopStack({ child, log, tmp }: Stack, showLog = false): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => {
      console.error('k6: stack did not stop on SIGTERM, killing its process group')
      try { process.kill(-child.pid!, 'SIGKILL') } catch { /* already gone */ }
    }, STOP_TIMEOUT_MS)
    await exited
    clearTimeout(timer)
  }
  if (showLog) console.error(`--- stack log (last lines) ---\n${readFileSync(log, 'utf8').split('\n').slice(-40).join('\n')}`)
  rmSync(tmp, { recursive: true, force: true })
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)
let passed = 0
let failed = 0
let stack: Stack | undefined
try {
  stack = await startStack()
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
  await stopStack(stack, failed > 0)
} catch (err) {
  failed++
  console.error(`k6: ${(err as Error).message}`)
  if (stack) await stopStack(stack, true)
}
console.log(`k6: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
