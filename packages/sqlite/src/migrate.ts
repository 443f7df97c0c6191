import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'

const MIGRATION_FILE = /^(\d+)-[\w.-]+\.sql$/

export interface Migration {
  version: number
  file: string
}

export function listMigrations (dir: string): Migration[] {
  const found = readdirSync(dir)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((m): m is { file: string; match: RegExpExecArray } => m.match !== null)
    .map(({ file, match }) => ({ version: Number(match[1]), file: join(dir, file) }))
    .sort((a, b) => a.version - b.version)
  found.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations in ${dir} must be numbered 1, 2, 3...: found ${m.file} at position ${i + 1}`)
  })
  return found
}

/**
 * Applies the numbered .sql files the database has not seen yet, each in its own transaction.
 * PRAGMA user_version records the last one applied; it is written in the same transaction,
 * so a failed migration leaves the database as it was. Several processes may start at once:
 * BEGIN IMMEDIATE makes the second wait, then it finds nothing left to do.
 */
export function migrate (db: Database.Database, dir: string): number {
  const migrations = listMigrations(dir)
  let applied = 0
  for (const m of migrations) {
    const run = db.transaction(() => {
      const current = db.pragma('user_version', { simple: true }) as number
      if (current >= m.version) return false
      db.exec(readFileSync(m.file, 'utf8'))
      db.pragma(`user_version = ${m.version}`)
      return true
    })
    if (run.immediate()) applied++
  }
  return applied
}
