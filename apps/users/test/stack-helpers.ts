import { createServer } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStack, type Stack } from '@platform/scripts/stack/stack.js'
import { readProcfile } from '@platform/scripts/stack/procfile.js'
import { REPO_ROOT } from '@platform/scripts/stack/gateway.js'

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer()
    srv.once('error', () => resolve(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)))
  })
}

/** A base port whose foreman-numbered ports (base + 100 x type + i) are all free, and two more. */
async function freePorts(types: number, perType: number): Promise<{ base: number; port: number; apiPort: number }> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 300) * 100
    const ports = Array.from({ length: types }, (_, t) => Array.from({ length: perType }, (_, i) => base + t * 100 + i)).flat()
    const extra = [base + types * 100 + 50, base + types * 100 + 51]
    if ((await Promise.all([...ports, ...extra].map(isFree))).every(Boolean)) return { base, port: extra[0]!, apiPort: extra[1]! }
  }
}

/**
 * The real Procfile's processes (`formation`, foreman syntax) behind real Traefik, on free
 * loopback ports, with their databases and the gateway's files in a temporary directory;
 * stopped and removed when the test ends. Its log is kept for a failing test's message.
 */
export async function startTestStack(t: { teardown(fn: () => unknown): void }, formation: string): Promise<Stack & { log: string[] }> {
  const types = readProcfile(join(REPO_ROOT, 'Procfile')).length
  const { base, port, apiPort } = await freePorts(types, 3)
  const workDir = mkdtempSync(join(tmpdir(), 'users-e2e-'))
  const log: string[] = []
  let stack: Stack
  try {
    stack = await startStack({
      formation,
      port,
      apiPort,
      basePort: base,
      workDir,
      dataDir: join(workDir, 'data'),
      shardsDir: join(workDir, 'shards'),
      populate: false,
      env: { LOG_LEVEL: 'warn' },
      log: (line) => log.push(line)
    })
  } catch (err) {
    // A failed start rejects a top-level await: no teardown would run.
    rmSync(workDir, { recursive: true, force: true })
    throw err
  }
  t.teardown(async () => {
    await stack.stop()
    rmSync(workDir, { recursive: true, force: true })
  })
  return Object.assign(stack, { log })
}
