import { test } from 'tap'
import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase, migrate, isUniqueViolation, whenUnlocked } from '../src/index.js'

test('openDatabase applies pragmas and pending migrations once', async (t) => {
  const dir = t.testdir({
    migrations: {
      '001-items.sql': 'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);',
      '002-tags.sql': 'CREATE TABLE tags (item_id INTEGER NOT NULL REFERENCES items(id), tag TEXT NOT NULL);'
    }
  })
  const file = join(dir, 'data', 'x.db')
  const db = openDatabase(file, { migrations: join(dir, 'migrations') })
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal')
  t.equal(db.pragma('foreign_keys', { simple: true }), 1)
  t.equal(db.pragma('user_version', { simple: true }), 2)
  t.equal(migrate(db, join(dir, 'migrations')), 0, 'nothing left to apply')

  db.prepare('INSERT INTO items (name) VALUES (?)').run('a')
  try {
    db.prepare('INSERT INTO items (name) VALUES (?)').run('a')
    t.fail('duplicate accepted')
  } catch (err) {
    t.ok(isUniqueViolation(err), 'duplicate reported as a unique violation')
  }
  t.throws(() => db.prepare('INSERT INTO tags VALUES (99, ?)').run('x'), /FOREIGN KEY/)
  db.close()

  mkdirSync(join(dir, 'migrations'), { recursive: true })
  writeFileSync(join(dir, 'migrations', '003-extra.sql'), 'ALTER TABLE items ADD COLUMN note TEXT;')
  const again = openDatabase(file, { migrations: join(dir, 'migrations') })
  t.equal(again.pragma('user_version', { simple: true }), 3, 'only the new migration ran')
  again.close()
})

test('a failing migration leaves the database at the previous version', async (t) => {
  const dir = t.testdir({
    migrations: {
      '001-ok.sql': 'CREATE TABLE a (x INTEGER);',
      '002-bad.sql': 'CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);'
    }
  })
  const db = openDatabase(':memory:')
  t.throws(() => migrate(db, join(dir, 'migrations')), /nowhere/)
  t.equal(db.pragma('user_version', { simple: true }), 1)
  t.same(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").all(), [], 'half of 002 is not there')
})

test('migrations must be numbered without gaps', async (t) => {
  const dir = t.testdir({ m: { '001-a.sql': 'SELECT 1;', '003-c.sql': 'SELECT 1;' } })
  t.throws(() => migrate(openDatabase(':memory:'), join(dir, 'm')), /numbered/)
})

test('several processes opening a new database at once all succeed', async (t) => {
  const { spawn } = await import('node:child_process')
  const dir = t.testdir({ migrations: { '001-a.sql': 'CREATE TABLE a (x INTEGER);', '002-b.sql': 'CREATE TABLE b (y INTEGER);' } })
  const open = new URL('../src/open.ts', import.meta.url).href
  const script = `import { openDatabase } from ${JSON.stringify(open)}
const db = openDatabase(${JSON.stringify(join(dir, 'shared.db'))}, { migrations: ${JSON.stringify(join(dir, 'migrations'))} })
process.stdout.write(db.pragma('journal_mode', { simple: true }) + ' ' + db.pragma('user_version', { simple: true }))
db.close()`
  const runs = Array.from({ length: 6 }, () => new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('close', (code) => resolve({ code, out, err }))
  }))
  for (const r of await Promise.all(runs)) {
    t.equal(r.code, 0, r.err)
    t.equal(r.out, 'wal 2')
  }
})

test('whenUnlocked waits for another connection\'s write lock without blocking the event loop', async (t) => {
  const dir = t.testdir({})
  const file = join(dir, 'lock.db')
  const holder = openDatabase(file)
  const writer = openDatabase(file)
  t.teardown(() => {
    holder.close()
    writer.close()
  })
  holder.exec('CREATE TABLE t (n INTEGER)')
  writer.pragma('busy_timeout = 0')
  holder.exec('BEGIN IMMEDIATE')
  // Ticks counted while the write waits: the loop kept running.
  let ticks = 0
  const ticker = setInterval(() => ticks++, 5)
  setTimeout(() => holder.exec('COMMIT'), 150)
  await whenUnlocked(() => writer.prepare('INSERT INTO t VALUES (1)').run(), 2000, () => new Error('timed out'))
  clearInterval(ticker)
  t.ok(ticks >= 5, `the event loop ran meanwhile (${ticks} ticks)`)
  t.equal((holder.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 1, 'the write happened, once')

  holder.exec('BEGIN IMMEDIATE')
  await t.rejects(whenUnlocked(() => writer.prepare('INSERT INTO t VALUES (2)').run(), 100, () => new Error('store busy')), /store busy/)
  holder.exec('COMMIT')
  t.equal((holder.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 1, 'the refused write did nothing')
})
