import { closeSync, existsSync, readdirSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, fsyncSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fsyncDir } from './durable.js'

export const MANIFEST_FILE = 'layout.json'
export const USERS_MIGRATIONS = fileURLToPath(new URL('../../migrations/users', import.meta.url))
export const SHARD_MIGRATIONS = fileURLToPath(new URL('../../migrations/shard', import.meta.url))

/**
 * The files of one generation: `users.<gen>.<tag>.db`, `games-<i>.<gen>.<tag>.db`. A build
 * writes new names and never touches the files the manifest names, so the manifest's rename
 * is the one commit point. The random tag keeps two builders (instances creating an empty
 * layout at once) from ever writing the same file.
 */
export interface Generation {
  number: number
  tag: string
}

export function newGeneration (previous: Manifest | undefined): Generation {
  return { number: (previous?.generation ?? 0) + 1, tag: randomBytes(4).toString('hex') }
}

export function generationFiles (gen: Generation, shardCount: number): { users: string; shards: string[] } {
  const suffix = `${gen.number}.${gen.tag}.db`
  return { users: `users.${suffix}`, shards: Array.from({ length: shardCount }, (_, i) => `games-${i}.${suffix}`) }
}

/** A file some build wrote: named in the manifest it is live, otherwise an uncommitted leftover. */
export const GENERATION_FILE = /^(users|games-\d+)\.\d+\.[0-9a-f]{8}\.db(-wal|-shm|-journal)?$/
/** The file names of a format-1 layout: without a manifest naming them, nobody can tell they are whole. */
export const FORMAT1_FILE = /^(users|games-\d+)\.db(-wal|-shm|-journal)?$/

/** The database files a manifest names, with their WAL companions. */
export function filesOf (manifest: Manifest | undefined): Set<string> {
  const names = new Set<string>()
  for (const f of manifest ? [manifest.users, ...manifest.shards] : []) for (const s of ['', '-wal', '-shm', '-journal']) names.add(f + s)
  return names
}

/**
 * What a folder holds besides its live layout: `leftovers` of builds that never committed (or
 * whose old generation was not removed yet), and `strays` (format-1 names no manifest vouches for).
 */
export function looseFiles (dir: string, manifest: Manifest | undefined): { leftovers: string[]; strays: string[] } {
  const live = filesOf(manifest)
  const names = existsSync(dir) ? readdirSync(dir).filter((f) => !live.has(f)) : []
  return {
    leftovers: names.filter((f) => GENERATION_FILE.test(f) || /^layout\.json\..*\.tmp$/.test(f)),
    strays: names.filter((f) => FORMAT1_FILE.test(f))
  }
}

/** Rows per table of one file when it was built: the service only ever adds rows. */
export type RowCounts = Record<string, number>

/** layout.json: renamed into place last, so its presence means the layout is complete. */
export interface Manifest {
  format: 1 | 2
  /** 0 for a format-1 layout. */
  generation: number
  shard_count: number
  users: string
  shards: string[]
  /** File name → table → rows at build time (format 2). */
  rows: Record<string, RowCounts>
  created_at: string
}

export function manifestFor (gen: Generation, shardCount: number, rows: Record<string, RowCounts>): Manifest {
  return { format: 2, generation: gen.number, shard_count: shardCount, ...generationFiles(gen, shardCount), rows, created_at: new Date().toISOString() }
}

export function readManifest (dir: string): Manifest | undefined {
  const file = join(dir, MANIFEST_FILE)
  if (!existsSync(file)) return undefined
  let manifest: Partial<Manifest>
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`)
  }
  const ok = (manifest.format === 1 || manifest.format === 2) && Number.isInteger(manifest.shard_count) && manifest.shard_count! >= 1 &&
    typeof manifest.users === 'string' && Array.isArray(manifest.shards)
  if (!ok) throw new Error(`${file} is not a layout manifest this version understands`)
  return { generation: 0, rows: {}, ...manifest } as Manifest
}

function writeDurably (path: string, manifest: Manifest): void {
  writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n')
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * The commit point of a build: the new manifest replaces the old in one rename, after its own
 * bytes and the files it names are on disk, and the folder is synced so the rename is too.
 */
export function commitManifest (dir: string, manifest: Manifest): void {
  const tmp = join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`)
  writeDurably(tmp, manifest)
  renameSync(tmp, join(dir, MANIFEST_FILE))
  fsyncDir(dir)
}

/** Like commitManifest, but only if there is none yet (link fails on an existing name): false if another process won. */
export function createManifest (dir: string, manifest: Manifest): boolean {
  const tmp = join(dir, `${MANIFEST_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  writeDurably(tmp, manifest)
  try {
    linkSync(tmp, join(dir, MANIFEST_FILE))
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  } finally {
    rmSync(tmp, { force: true })
    fsyncDir(dir)
  }
}
