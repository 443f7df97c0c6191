import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { test, type Test } from 'tap'
import { REPO_ROOT } from '@platform/kit'
import { openDatabase } from '@platform/sqlite'
import { createOutbox, OUTBOX_TABLE_SQL } from '../src/outbox.js'

const run = promisify(execFile)

function outboxIn (t: Test, file = join(t.testdir(), 'outbox.db')) {
  const db = openDatabase(file)
  db.exec(OUTBOX_TABLE_SQL)
  t.teardown(() => db.close())
  return { db, outbox: createOutbox(db), file }
}

const message = (id: string, extra = {}) => ({ messageId: id, exchange: '', routingKey: 'q', body: { id }, ...extra })

test('a message is claimed once it is due, by one claimer at a time', async (t) => {
  const { outbox } = outboxIn(t)
  const now = Date.now()
  outbox.add(message('later'), now + 60_000)
  outbox.add(message('now', { type: 'mail', replyTo: 'status', headers: { a: 1 }, mandatory: true }), now)
  const claimed = outbox.claim('A', { now, leaseMs: 1000, limit: 10 })
  t.same(claimed.map((m) => m.messageId), ['now'])
  t.match(claimed[0], { exchange: '', routingKey: 'q', type: 'mail', replyTo: 'status', headers: { a: 1 }, mandatory: true, json: true, attempts: 1 })
  t.same(JSON.parse(claimed[0]!.body.toString()), { id: 'now' })
  t.same(outbox.claim('B', { now, leaseMs: 1000, limit: 10 }), [], 'a live claim keeps others off')
  t.same(outbox.claim('B', { now: now + 1000, leaseMs: 1000, limit: 10 }).map((m) => m.messageId), ['now'], 'an ended lease lets another claimer take it')
  t.equal(outbox.size(), 2)
})

test('a published message is removed, in the same transaction as the caller\'s own change', async (t) => {
  const { db, outbox } = outboxIn(t)
  db.exec('CREATE TABLE marks (id TEXT)')
  outbox.add(message('m1'))
  outbox.claim('A', { leaseMs: 1000, limit: 10 })
  outbox.published('m1', (id) => db.prepare('INSERT INTO marks VALUES (?)').run(id))
  t.equal(outbox.size(), 0)
  t.same(db.prepare('SELECT id FROM marks').pluck().all(), ['m1'])
})

test('a released message waits for its back-off, then is claimed again', async (t) => {
  const { outbox } = outboxIn(t)
  const now = Date.now()
  outbox.add(message('m1'), now)
  outbox.claim('A', { now, leaseMs: 10_000, limit: 10 })
  outbox.release('m1', 'B', now + 500)
  t.same(outbox.claim('C', { now: now + 600, leaseMs: 1000, limit: 10 }), [], 'only the claimer releases')
  outbox.release('m1', 'A', now + 500)
  t.equal(outbox.nextDueAt(), now + 500)
  t.same(outbox.claim('C', { now: now + 499, leaseMs: 1000, limit: 10 }), [])
  t.match(outbox.claim('C', { now: now + 500, leaseMs: 1000, limit: 10 }), [{ messageId: 'm1', attempts: 2 }])
})

test('a message can change or be withdrawn until a relay has tried it', async (t) => {
  const { outbox } = outboxIn(t)
  const now = Date.now()
  outbox.add(message('m1'), now + 10_000)
  outbox.add(message('m2'), now + 10_000)
  t.equal(outbox.nextDueAt(), now + 10_000)
  t.ok(outbox.update('m1', { dueAt: now, body: { changed: true } }))
  t.equal(outbox.nextDueAt(), now)
  const [m1] = outbox.claim('A', { now, leaseMs: 1000, limit: 10 })
  t.same(JSON.parse(m1!.body.toString()), { changed: true })
  t.notOk(outbox.update('m1', { dueAt: now + 5000 }), 'tried: too late to reschedule')
  t.notOk(outbox.cancel('m1'), 'tried: too late to withdraw')
  t.ok(outbox.cancel('m2'))
  t.notOk(outbox.update('nope', { dueAt: now }))
  t.equal(outbox.size(), 1)
})

test('processes racing on one file claim every message exactly once', async (t) => {
  const { outbox, file } = outboxIn(t)
  const ids = Array.from({ length: 300 }, (_, i) => `m${i}`)
  for (const id of ids) outbox.add(message(id))
  const claimer = join(import.meta.dirname, 'fixtures', 'claimer.ts')
  const env = { ...process.env, NODE_OPTIONS: '' }
  const results = await Promise.all(['A', 'B', 'C'].map((owner) => run(process.execPath, ['--import', 'tsx', claimer, file, owner], { env })))
  const claimed = results.map((r) => JSON.parse(r.stdout) as string[])
  const all = claimed.flat()
  t.equal(all.length, ids.length, 'no message claimed twice')
  t.same(new Set(all), new Set(ids), 'every message claimed')
  t.equal(outbox.size(), 0)
})

test('every service migration that creates the outbox uses the table as this package defines it', async (t) => {
  const apps = join(REPO_ROOT, 'apps')
  for (const app of readdirSync(apps)) {
    let files: string[] = []
    try {
      files = readdirSync(join(apps, app, 'migrations')).filter((f) => /-outbox\.sql$/.test(f))
    } catch {}
    for (const f of files) t.ok(readFileSync(join(apps, app, 'migrations', f), 'utf8').includes(OUTBOX_TABLE_SQL), `${app}/migrations/${f}`)
  }
})
