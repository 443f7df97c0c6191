import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DATA_DIR, REPO_ROOT } from '@platform/kit'
import { bytesToUuid } from '@platform/ids'
import { readManifest } from '@platform/stats/layout'

/** Where a layout of this size is kept between runs (DATA_DIR is git-ignored). */
export function benchLayoutDir (users: number, games: number): string {
  return join(DATA_DIR, 'bench', `stats-${users}-${games}`)
}

/** The layout at `dir`, populated by `pnpm stats:populate` when it has none yet. */
export function ensureLayout (dir: string, users: number, games: number, say: (line: string) => void): void {
  if (readManifest(dir)) return
  say(`populating ${dir} (${users} users, ${games} games), once`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/stats/populate.ts', '--users', String(users), '--games', String(games), '--out', dir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit']
  })
  if (run.status !== 0) throw new Error(`stats:populate failed (exit ${run.status})`)
}

/** A throwaway copy of the layout: the bench writes games, the kept layout stays as populated. */
export function copyLayout (dir: string): { work: string, shards: string, shardCount: number } {
  const manifest = readManifest(dir)
  if (!manifest) throw new Error(`${dir} holds no layout`)
  const work = mkdtempSync(join(tmpdir(), 'bench-http-'))
  const shards = join(work, 'shards')
  cpSync(dir, shards, { recursive: true })
  return { work, shards, shardCount: manifest.shard_count }
}

/** `n` user ids; the table is in UUID order, so the first n are as random as any n (all shards). */
export function sampleUserIds (dir: string, n: number): string[] {
  const manifest = readManifest(dir)!
  const db = new Database(join(dir, manifest.users), { readonly: true })
  try {
    const rows = db.prepare('SELECT user_id FROM users LIMIT ?').all(n) as { user_id: Buffer }[]
    return rows.map((r) => bytesToUuid(r.user_id))
  } finally {
    db.close()
  }
}

export { REPO_ROOT }
