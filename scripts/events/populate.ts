import { existsSync, renameSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { migrate } from '@platform/sqlite'
import { createEventsStore, EVENTS_MIGRATIONS } from '@platform/events/store'
import { loadEventsConfig } from '@platform/events/config'
import { cli, integer, userPath } from '../lib/args.js'
import { progress } from '../lib/progress.js'
import { generateEvents, GENERATE_DEFAULTS } from './generate.js'

const usage = `usage: pnpm events:populate [--events 1000000] [--seed 2026] [--db FILE] [--force | --if-empty]
Generates a deterministic set of events (faker titles, real cities, 2025..2027) and writes the
events service's database FILE (default $DATABASE_FILE, else data/events.db). --if-empty: do
nothing when FILE exists; --force: replace it.`

const args = cli(usage, {
  events: { type: 'string' },
  seed: { type: 'string' },
  db: { type: 'string' },
  force: { type: 'boolean' },
  'if-empty': { type: 'boolean' }
})
const options = {
  ...GENERATE_DEFAULTS,
  events: integer('events', args.events, GENERATE_DEFAULTS.events),
  seed: integer('seed', args.seed, GENERATE_DEFAULTS.seed)
}
const file = typeof args.db === 'string' ? userPath(args.db) : loadEventsConfig().DATABASE_FILE
if (existsSync(file)) {
  if (args['if-empty']) process.exit(0)
  if (!args.force) {
    process.stderr.write(`events:populate: ${file} exists; pass --force to replace it (stop the events service first)\n`)
    process.exit(1)
  }
}

const bar = progress()
const started = performance.now()
// Written under another name and renamed at the end: a service never opens half a data set.
const tmp = `${file}.tmp`
for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
try {
  const db = new Database(tmp)
  // A build, not a service: no journal, no fsync, a large page cache. Done again if it fails.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  migrate(db, fileURLToPath(EVENTS_MIGRATIONS))
  // B-tree indexes are built faster once, sorted, than row by row: drop them, load, rebuild.
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL").all() as { name: string, sql: string }[]
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`)
  const store = createEventsStore(db)
  const rows = generateEvents(options, (done) => bar.update('events', done, options.events))
  const write = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) {
      const next = rows.next()
      if (next.done) return false
      store.insert(next.value)
    }
    return true
  })
  while (write(50_000));
  for (const [i, { sql }] of indexes.entries()) {
    bar.update('indexes', i, indexes.length)
    db.exec(sql)
  }
  bar.update('indexes', indexes.length, indexes.length)
  db.pragma('journal_mode = WAL')
  const count = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n
  db.close()
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  renameSync(tmp, file)
  bar.stop()
  const seconds = (performance.now() - started) / 1000
  process.stdout.write(`populated ${file}: ${count.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s, ${Math.round(count / seconds).toLocaleString('en-US')} events/s\n`)
} catch (err) {
  bar.stop()
  rmSync(tmp, { force: true })
  process.stderr.write(`events:populate: ${(err as Error).message}\n`)
  process.exit(1)
}
