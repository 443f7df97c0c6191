// A throwaway stack for tests and benchmarks: temporary data and gateway files, free ports, so it
// never touches the user's data nor a stack already running. Built on scripts/stack's startStack.
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStack, type Stack } from '../../scripts/stack/stack.js'
import { freeStackPorts } from '../../scripts/stack/free-ports.js'
import { repoRoot } from './k6.js'

export interface TestStack {
  stack: Stack
  /** The gateway, by IP (k6 would otherwise try ::1 first for localhost). */
  baseUrl: string
  log: string
  tmp: string
}

export interface TestStackOptions {
  /** foreman syntax, e.g. stats=1; default every process type once, stats x3. */
  formation?: string
  /** The stats data to serve (default: a new empty layout in the temporary folder). */
  shardsDir?: string
}

export async function startTestStack(opts: TestStackOptions = {}): Promise<TestStack> {
  const tmp = mkdtempSync(join(tmpdir(), 'k6-stack-'))
  const log = join(tmp, 'stack.log')
  const out = createWriteStream(log)
  const procfileTypes = readFileSync(join(repoRoot, 'Procfile'), 'utf8').split('\n').filter((l) => /^[\w-]+:/.test(l)).length
  const ports = await freeStackPorts(procfileTypes, 3)
  try {
    const stack = await startStack({
      ...ports,
      formation: opts.formation,
      workDir: join(tmp, 'gateway'),
      shardsDir: opts.shardsDir ?? join(tmp, 'shards'),
      dataDir: join(tmp, 'data'),
      populate: false,
      readyTimeoutMs: 120_000,
      log: (line) => out.write(line + '\n')
    })
    return { stack, baseUrl: `http://127.0.0.1:${ports.port}`, log, tmp }
  } catch (err) {
    showLog(log)
    rmSync(tmp, { recursive: true, force: true })
    throw err
  }
}

export function showLog(log: string): void {
  console.error(`--- stack log (last lines) ---\n${readFileSync(log, 'utf8').split('\n').slice(-40).join('\n')}`)
}

export async function stopTestStack({ stack, log, tmp }: TestStack, showingLog = false): Promise<void> {
  await stack.stop()
  if (showingLog) showLog(log)
  rmSync(tmp, { recursive: true, force: true })
}
