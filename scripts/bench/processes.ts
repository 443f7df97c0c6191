import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '@platform/kit'
import { startStack, type Stack } from '@platform/stack'
import { readProcfile } from '@platform/stack/procfile'
import { childEnv, freePort, freeStackPorts, sleep } from '@platform/stack/testing'

export interface Running {
  url: string
  pid: number
  stop(): Promise<void>
}

/** The command the Procfile runs for a process type: the bench runs what production runs. */
export function procfileCommand (type: string): string {
  const found = readProcfile(join(REPO_ROOT, 'Procfile')).find((p) => p.name === type)
  if (!found) throw new Error(`the Procfile has no ${type} line`)
  return found.command
}

async function healthy (url: string, child: ChildProcess, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${url}: the process exited before it answered`)
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url}: no answer within ${withinMs} ms`)
    await sleep(50)
  }
}

/**
 * `command` through sh on a free loopback port, output into `logFile` (as the runner keeps a
 * log file per process, without a pipe through this process), ready once `healthPath` answers.
 */
export async function startProcess (command: string, env: Record<string, string>, logFile: string, healthPath: string): Promise<Running & { startedInMs: number }> {
  const port = await freePort()
  const out = openSync(logFile, 'a')
  const t0 = performance.now()
  const child = spawn('/bin/sh', ['-c', command], {
    cwd: REPO_ROOT,
    // No registering: a bench instance must never join a formation that happens to run.
    env: childEnv({ HOST: '127.0.0.1', PORT: String(port), REGISTRY_URL: '', ...env }),
    stdio: ['ignore', out, out]
  })
  closeSync(out)
  const exited = once(child, 'exit')
  const url = `http://127.0.0.1:${port}`
  try {
    await healthy(url + healthPath, child, 60_000)
  } catch (err) {
    child.kill('SIGKILL')
    throw err
  }
  return {
    url,
    pid: child.pid!,
    startedInMs: performance.now() - t0,
    async stop () {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    }
  }
}

/** The Procfile's gateway, registry and `count` stats instances, as `pnpm start` runs them, on free ports. */
export async function startGatewayFormation (count: number, dir: string, env: Record<string, string>): Promise<Running & { stack: Stack }> {
  const types = readProcfile(join(REPO_ROOT, 'Procfile')).length
  const ports = await freeStackPorts(types, count)
  const stack = await startStack({
    ...ports,
    formation: `stats=${count}`,
    dataDir: join(dir, 'data'),
    workDir: join(dir, 'gateway'),
    prepare: false,
    printLevel: Infinity,
    log: () => {},
    env: { NODE_OPTIONS: '', ...env }
  })
  return { url: `http://127.0.0.1:${ports.port}`, pid: 0, stack, stop: () => stack.stop() }
}
