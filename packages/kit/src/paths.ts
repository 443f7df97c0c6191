import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The one place that knows where the repository is: the nearest folder above this file with
 * pnpm-workspace.yaml. Defaults that name files of the checkout (data/, shards/) start here,
 * so a service finds them wherever it was started from.
 */
function findRepoRoot (from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`)
  }
}

export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)))

/**
 * Where the formation keeps its state: $DATA_DIR (the runner gives each process its
 * formation's), else <repo>/data (git-ignored). Read once, when the process starts.
 */
export const DATA_DIR = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : join(REPO_ROOT, 'data')
