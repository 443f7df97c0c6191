import { join } from 'node:path'
import { test } from 'tap'
import { openDatabase } from '@platform/sqlite'
import { newUuid } from '@platform/ids'
import type { PageKey } from '@platform/kit'
import { createEventsStore, EVENTS_MIGRATIONS, LIST_SQL, type EventRow, type ListQuery } from '../src/events-store.js'
import { distanceKm } from '../src/geo.js'
import { fileURLToPath } from 'node:url'

function seeded (seed: number) {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31
  }
}

const DAY = 86_400_000
const T0 = Date.UTC(2026, 4, 1)
const TOPICS = ['wordle', 'chess', 'go']
// Clusters, some where boxes are awkward: the 180th meridian, near a pole.
const CENTRES: [number, number][] = [[48.85, 2.35], [0, 179.9], [-17.8, -179.95], [88.5, 40], [35.68, 139.65]]

test('list › every query shape answers what a brute-force reading of all events answers, page by page', async (t) => {
  const db = openDatabase(join(t.testdir(), 'events.db'), { migrations: fileURLToPath(EVENTS_MIGRATIONS) })
  t.teardown(() => db.close())
  const store = createEventsStore(db)
  const random = seeded(7)
  const rows: EventRow[] = []
  for (let i = 0; i < 800; i++) {
    const [clat, clon] = CENTRES[Math.floor(random() * CENTRES.length)]!
    const lat = Math.max(-90, Math.min(90, clat + (random() - 0.5) * 1.5))
    let lon = clon + (random() - 0.5) * 1.5
    if (lon > 180) lon -= 360
    if (lon < -180) lon += 360
    const starts = T0 + Math.floor(random() * 30 * DAY / 60_000) * 60_000 + (random() < 0.1 ? 12_345 : 0)
    const kind = random()
    const ends = kind < 0.2 ? null : kind < 0.9 ? starts + Math.floor(random() * 6 * 3_600_000) : starts + Math.floor(random() * 10 * DAY)
    const row = {
      event_id: newUuid().bytes,
      title: `e${i}`,
      description: 'd',
      topic: TOPICS[Math.floor(random() * TOPICS.length)]!,
      starts_at: starts,
      ends_at: ends,
      place_name: 'p',
      lat,
      lon,
      created_by: 'u',
      created_at: 0,
      updated_at: 0
    }
    rows.push({ seq: store.insert(row), ...row })
  }

  const reference = (q: ListQuery) => {
    const matching = rows.filter((r) =>
      (q.topic === undefined || r.topic === q.topic) &&
      (q.from === undefined || (r.ends_at ?? r.starts_at) >= q.from) &&
      (q.to === undefined || r.starts_at <= q.to) &&
      (!q.near || distanceKm(q.near.lat, q.near.lon, r.lat, r.lon) <= q.near.radiusKm))
    if (!q.near) return matching.sort((a, b) => a.starts_at - b.starts_at || a.seq - b.seq).map((r) => r.title)
    const near = q.near
    const key = (r: EventRow) => Math.round(distanceKm(near.lat, near.lon, r.lat, r.lon) * 1e6)
    return matching.sort((a, b) => key(a) - key(b) || a.seq - b.seq).map((r) => r.title)
  }

  let compared = 0
  for (let i = 0; i < 150; i++) {
    const q: ListQuery = { limit: 1 + Math.floor(random() * 12) }
    if (random() < 0.4) q.topic = TOPICS[Math.floor(random() * TOPICS.length)]
    if (random() < 0.5) q.from = T0 + Math.floor(random() * 30 * DAY)
    if (random() < 0.5) q.to = (q.from ?? T0) + Math.floor(random() * 10 * DAY)
    if (random() < 0.5) {
      const [clat, clon] = CENTRES[Math.floor(random() * CENTRES.length)]!
      q.near = { lat: clat + (random() - 0.5), lon: clon, radiusKm: [1, 10, 40, 120, 5000][Math.floor(random() * 5)]! }
    }
    const got: string[] = []
    let after: PageKey | undefined
    for (let pages = 0; pages < 1000; pages++) {
      const page = store.list({ ...q, after })
      if (page.events.length > q.limit) t.fail(`a page of ${page.events.length} for limit ${q.limit}`)
      got.push(...page.events.map((e) => e.title))
      if (!page.next) break
      after = page.next
    }
    const want = reference(q)
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      t.same(got, want, JSON.stringify(q))
      return
    }
    compared += want.length
  }
  t.ok(compared > 1000, `${compared} listed events compared`)
})

test('list › each query reads an index, never the whole table', async (t) => {
  const db = openDatabase(join(t.testdir(), 'events.db'), { migrations: fileURLToPath(EVENTS_MIGRATIONS) })
  t.teardown(() => db.close())
  const plan = (sql: string, args: object) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as { detail: string }[]).map((r) => r.detail).join(' | ')
  const args = { from: 0, to: 1, take: 1, at: 0, seq: 0, topic: 'x', minute: 0, latMin: 0, latMax: 1, lonMin: 0, lonMax: 1, tLo: 0, tHi: 1, bucketLo: 0, bucketHi: 0 }
  const expected: Record<keyof typeof LIST_SQL, RegExp> = {
    // Keys only, from the index itself: no row is read.
    starting: /^SEARCH events USING COVERING INDEX events_by_start \(starts_at>\? AND starts_at<\?\)$/,
    startingAfter: /^SEARCH events USING COVERING INDEX events_by_start /,
    topicStarting: /^SEARCH events USING COVERING INDEX events_by_topic_start \(topic=\? AND starts_at>\? AND starts_at<\?\)$/,
    topicStartingAfter: /^SEARCH events USING COVERING INDEX events_by_topic_start \(topic=\? /,
    // The R*Tree first, with both bounds, then each candidate by its rowid.
    ongoing: /^SCAN w VIRTUAL TABLE INDEX 2:[A-Z0-9]{4} \| SEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)/,
    inBox: /^SCAN w VIRTUAL TABLE INDEX 2:[A-Z0-9]{8} \| SEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)$/,
    inBoxFiltered: /^SCAN w VIRTUAL TABLE INDEX 2:[A-Z0-9]{16} \| SEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)$/
  }
  for (const [name, sql] of Object.entries(LIST_SQL)) {
    const detail = plan(sql, args)
    t.match(detail, expected[name as keyof typeof LIST_SQL], `${name}: ${detail}`)
  }
})
