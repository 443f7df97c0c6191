import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { MANIFEST_FILE } from '@platform/stats/layout'
import type { Log } from './child.js'

/**
 * The default data set, made once: when the shards directory has no layout yet, run
 * `pnpm stats:populate --out <dir>` (100k users, 1M games) before starting the formation.
 */
export async function populateIfEmpty(root: string, shardsDir: string, log: Log): Promise<void> {
  if (existsSync(join(shardsDir, MANIFEST_FILE))) return
  if (!existsSync(join(root, 'scripts/stats/populate.ts'))) {
    log(`stack: ${shardsDir} has no data and there is no populate script; stats starts empty`)
    return
  }
  log(`stack: no data in ${shardsDir}: populating the default data set first (pnpm stats:populate)`)
  // pnpm as it started us (npm_execpath: its JS entry or its binary), else the one on PATH.
  const execpath = process.env.npm_execpath ?? ''
  const [cmd, args]: [string, string[]] = /pnpm\.c?js$/.test(execpath)
    ? [process.execPath, [execpath]]
    : /pnpm[^/]*$/.test(execpath)
      ? [execpath, []]
      : ['pnpm', []]
  const code = await new Promise<number | null>((resolve, reject) => {
    const p = spawn(cmd, [...args, 'stats:populate', '--out', shardsDir], { cwd: root, stdio: 'inherit' })
    p.on('error', reject)
    p.on('exit', resolve)
  })
  if (code !== 0) throw new Error(`populating ${shardsDir} failed (exit ${code})`)
}
