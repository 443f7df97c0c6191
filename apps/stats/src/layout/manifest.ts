import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const USERS_FILE = 'users.db'

/** The file name of games shard `index` inside a layout folder. */
export function shardFileName (index: number): string {
  return `games-${index}.db`
}
export const MANIFEST_FILE = 'layout.json'
export const USERS_MIGRATIONS = fileURLToPath(new URL('../../migrations/users', import.meta.url))
export const SHARD_MIGRATIONS = fileURLToPath(new URL('../../migrations/shard', import.meta.url))

/** layout.json: written last, so its presence means the layout is complete. */
export interface Manifest {
  format: 1
  shard_count: number
  users: string
  shards: string[]
  created_at: string
}

export function manifestFor (shardCount: number): Manifest {
  return {
    format: 1,
    shard_count: shardCount,
    users: USERS_FILE,
    shards: Array.from({ length: shardCount }, (_, i) => shardFileName(i)),
    created_at: new Date().toISOString()
  }
}

export function readManifest (dir: string): Manifest | undefined {
  const file = join(dir, MANIFEST_FILE)
  if (!existsSync(file)) return undefined
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
  if (manifest.format !== 1 || !Number.isInteger(manifest.shard_count) || manifest.shard_count < 1) {
    throw new Error(`${file} is not a layout manifest this version understands`)
  }
  return manifest
}

/** Atomic: a reader sees the old manifest or the new one, never half of one. */
export function writeManifest (dir: string, manifest: Manifest): void {
  mkdirSync(dir, { recursive: true })
  const tmp = join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`)
  writeFileSync(tmp, JSON.stringify(manifest, null, 2) + '\n')
  renameSync(tmp, join(dir, MANIFEST_FILE))
}
