import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

/**
 * For end-to-end tests: a service started the way the Procfile starts it (`node --import tsx
 * apps/<name>/src/server.ts` from the repository root), on a free loopback port.
 */
export interface ServiceProcess {
  url: string
  /** SIGTERM, then the exit code once the process is gone. */
  stop(): Promise<number | null>
  /** Everything it printed, for a failing test's message. */
  output(): string
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

export async function startServiceProcess(
  entry: string,
  env: Record<string, string>,
  readyWithinMs = 20_000
): Promise<ServiceProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    // No announcing: a test's instance must never join a gateway that happens to run.
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', GATEWAY_ANNOUNCE_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = once(child, 'exit').then(([code]) => code as number | null)

  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + readyWithinMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode} before it was ready:\n${output}`)
    try {
      if ((await fetch(`${url}/health`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${entry} not ready within ${readyWithinMs} ms:\n${output}`)
    }
    await sleep(50)
  }

  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    }
  }
}
