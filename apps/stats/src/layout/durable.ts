import { closeSync, fsyncSync, openSync } from 'node:fs'

/** Flushes a file's bytes to disk: renaming an unsynced file can publish a name for lost data. */
export function fsyncFile (path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Flushes a folder's entries (creations, renames, removals) to disk. */
export function fsyncDir (dir: string): void {
  fsyncFile(dir)
}
