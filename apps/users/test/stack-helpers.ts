import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStack, type Stack } from '@platform/scripts/stack/stack.js'
import { readProcfile } from '@platform/scripts/stack/procfile.js'
import { REPO_ROOT } from '@platform/scripts/stack/gateway.js'
import { freeStackPorts } from '@platform/scripts/stack/free-ports.js'

/**
 * The real Procfile's processes (`formation`, foreman syntax) behind real Traefik, on free
 * loopback ports, with their databases and the gateway's files in a temporary directory;
 * stopped and removed when the test ends. Its log is kept for a failing test's message.
 */
export async function startTestStack(t: { teardown(fn: () => unknown): void }, formation: string): Promise<Stack & { log: string[] }> {
  const types = readProcfile(join(REPO_ROOT, 'Procfile')).length
  const { basePort: base, port, apiPort } = await freeStackPorts(types, 3)
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
