import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ShardSet } from '@platform/shard'
import { openDatabase, type Db } from '@platform/sqlite'
import { createGamesStore, type GamesStore } from '../games-store.js'
import { createUsersStore, type UsersStore } from '../users-store.js'
import { fsyncDir } from './durable.js'
import { holdShared } from './lock.js'
import { createManifest, generationFiles, looseFiles, manifestFor, newGeneration, readManifest, USERS_MIGRATIONS, SHARD_MIGRATIONS, type Manifest, type RowCounts } from './manifest.js'
import { writeEmptyFile } from './write-files.js'

export interface Layout {
  dir: string
  usersDb: Db
  users: UsersStore
  shards: ShardSet<GamesStore>
  close(): void
}

/** How long an instance waits at start while a build holds the folder. */
export const START_WAIT_MS = 10_000

/**
 * A new, empty layout, built and committed like any other. Several instances may start on an
 * empty folder at once: each builds its own generation and the first manifest wins (created
 * with link, which fails on an existing name); the others remove their files and open it.
 */
function createEmpty (dir: string, shardCount: number): Manifest {
  const gen = newGeneration(undefined)
  const names = generationFiles(gen, shardCount)
  const rows: Record<string, RowCounts> = { [names.users]: writeEmptyFile(join(dir, names.users), 'users') }
  for (const name of names.shards) rows[name] = writeEmptyFile(join(dir, name), 'shard')
  fsyncDir(dir)
  const manifest = manifestFor(gen, shardCount, rows)
  if (createManifest(dir, manifest)) return manifest
  for (const name of [names.users, ...names.shards]) for (const s of ['', '-wal', '-shm']) rmSync(join(dir, name + s), { force: true })
  return readManifest(dir)!
}

/** The database files of a layout folder, by its manifest (scripts and tests that read them directly). */
export function layoutFiles (dir: string): { users: string; shards: string[] } {
  const manifest = readManifest(dir)
  if (!manifest) throw new Error(`${dir} has no layout.json: not a layout`)
  return { users: join(dir, manifest.users), shards: manifest.shards.map((f) => join(dir, f)) }
}

/**
 * Opens the users database and the games shards a layout's manifest names, holding
 * layout.lock shared for as long as it is open (so no build replaces files under it). A folder
 * without a manifest becomes an empty layout, unless it holds layout files nobody vouches for
 * (refused, never adopted); a file the manifest names must exist (a missing shard is an error,
 * never recreated empty); the shard count must be the caller's, since reading with another
 * count would look for every user in the wrong shard.
 */
export function openLayout (dir: string, shardCount: number, startWaitMs = START_WAIT_MS): Layout {
  const lock = holdShared(dir, startWaitMs)
  let usersDb: Db | undefined
  try {
    let manifest = readManifest(dir)
    if (!manifest) {
      const { strays } = looseFiles(dir, undefined)
      if (strays.length > 0) {
        throw new Error(
          `${dir} holds layout files but no layout.json (${strays.join(', ')}): a crashed or foreign build, not adopted. ` +
            'Rebuild it with `pnpm stats:populate --force` or `pnpm stats:migrate --force`, or move the files away'
        )
      }
      manifest = createEmpty(dir, shardCount)
    }
    if (manifest.shard_count !== shardCount) {
      throw new Error(
        `${dir} holds a ${manifest.shard_count}-shard layout but SHARD_COUNT is ${shardCount}: ` +
          'set SHARD_COUNT to match, or re-shard with `pnpm stats:migrate`'
      )
    }
    if (manifest.shards.length !== manifest.shard_count) {
      throw new Error(`${dir}/layout.json names ${manifest.shards.length} shard files for ${manifest.shard_count} shards`)
    }
    const missing = [manifest.users, ...manifest.shards].filter((f) => !existsSync(join(dir, f)))
    if (missing.length > 0) throw new Error(`${dir}: layout.json names ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} missing`)
    usersDb = openDatabase(join(dir, manifest.users), { migrations: USERS_MIGRATIONS, mustExist: true })
    const files = manifest.shards.map((f) => join(dir, f))
    const shards = new ShardSet({ files, migrations: SHARD_MIGRATIONS, mustExist: true }, (db) => createGamesStore(db))
    const users = usersDb
    return {
      dir,
      usersDb: users,
      users: createUsersStore(users),
      shards,
      close () {
        shards.close()
        if (users.open) users.close()
        lock.release()
      }
    }
  } catch (err) {
    if (usersDb?.open) usersDb.close()
    lock.release()
    throw err
  }
}
