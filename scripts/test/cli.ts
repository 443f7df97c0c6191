import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const scriptsDir = fileURLToPath(new URL('..', import.meta.url))

/** Runs one of the repo CLIs the way `pnpm stats:*` does, and returns what a user would see. */
export function runCli (script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${scriptsDir}/${script}`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: process.cwd() },
    timeout: 120_000
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}
