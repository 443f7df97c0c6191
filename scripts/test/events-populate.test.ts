import { join } from 'node:path'
import { test } from 'tap'
import Database from 'better-sqlite3'
import { buildApp } from '@platform/events'
import { loadEventsConfig } from '@platform/events/config'
import { runCli } from './cli.js'

const dump = (file: string) => {
  const db = new Database(file, { readonly: true })
  const rows = db.prepare('SELECT hex(event_id) AS id, title, topic, starts_at, ends_at, lat, lon, created_by FROM events ORDER BY seq').all()
  const where = (db.prepare('SELECT count(*) AS n FROM events_where').get() as { n: number }).n
  const when = (db.prepare('SELECT count(*) AS n FROM events_when').get() as { n: number }).n
  db.close()
  return { rows, where, when }
}

test('events:populate writes a database the events service serves, the same for the same seed', async (t) => {
  const dir = t.testdir({})
  const a = join(dir, 'a.db')
  const first = runCli('events/populate.ts', ['--events', '3000', '--seed', '7', '--db', a])
  t.equal(first.status, 0, first.stderr)
  t.match(first.stdout, /populated .*a\.db: 3,000 events/)
  t.equal(runCli('events/populate.ts', ['--events', '3000', '--seed', '7', '--db', join(dir, 'b.db')]).status, 0)
  const da = dump(a)
  t.equal(da.rows.length, 3000)
  t.equal(da.where, 3000, 'every event is in the R*Tree of places')
  t.equal(da.when, 3000, 'and of times')
  t.same(dump(join(dir, 'b.db')), da, 'same seed, same data')

  const app = await buildApp(loadEventsConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: a }))
  t.teardown(() => app.close())
  const paris = await app.inject({ method: 'GET', url: '/events?near=48.8566,2.3522&radius_km=30&limit=5' })
  t.equal(paris.statusCode, 200)
  t.equal(paris.json().events.length, 5, 'events around a real city')
  t.ok(paris.json().events.every((e: { place: { name: string } }) => e.place.name.endsWith(', Paris')))
  const topic = await app.inject({ method: 'GET', url: '/events?topic=wordle&from=2026-01-01T00:00:00Z&limit=3' })
  t.equal(topic.json().events.length, 3)
})

test('events:populate refuses to replace a database without --force', async (t) => {
  const file = join(t.testdir({}), 'e.db')
  t.equal(runCli('events/populate.ts', ['--events', '10', '--db', file]).status, 0)
  const again = runCli('events/populate.ts', ['--events', '10', '--db', file])
  t.equal(again.status, 1)
  t.match(again.stderr, /exists; pass --force/)
  t.equal(runCli('events/populate.ts', ['--events', '10', '--db', file, '--if-empty']).status, 0)
  t.equal(runCli('events/populate.ts', ['--events', '20', '--db', file, '--force']).status, 0)
  t.equal(dump(file).rows.length, 20)
})
