import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * How to run pnpm from a script: as pnpm started us (npm_execpath is its JS entry or its
 * binary), else the pinned copy `./run` installs into .tools/, else the one on PATH.
 */
export function pnpmCommand (root: string): [string, string[]] {
  const execpath = process.env.npm_execpath ?? ''
  if (/pnpm\.c?js$/.test(execpath)) return [process.execPath, [execpath]]
  if (/pnpm[^/]*$/.test(execpath)) return [execpath, []]
  const local = join(root, '.tools/pnpm/node_modules/.bin/pnpm')
  return [existsSync(local) ? local : 'pnpm', []]
}
