import type { PageKey } from '@platform/kit'
import { bytesToUuid, newUuid, uuidToBytes } from '@platform/ids'
import { sqliteStore, type Db } from '@platform/sqlite'
import { EndsBeforeStart } from './errors.js'
import { capBoxes, distanceKm, micro } from './geo.js'

export interface Place {
  name: string
  lat: number
  lon: number
}

/** An event as the API shows it. */
export interface Event {
  event_id: string
  title: string
  description: string
  topic: string
  starts_at: string
  ends_at: string | null
  place: Place
  created_by: string
  created_at: string
  updated_at: string
  /** Only in lists near a place: the great-circle distance from it. */
  distance_km?: number
}

/** What a client gives to create one (times already parsed to ms). */
export interface NewEvent {
  title: string
  description: string
  topic: string
  startsAt: number
  endsAt: number | null
  place: Place
  createdBy: string
}

export type EventChange = Partial<Omit<NewEvent, 'createdBy'>>

/** A row of the events table (also what `pnpm events:populate` writes through `insert`). */
export interface EventRow {
  seq: number
  event_id: Buffer
  title: string
  description: string
  topic: string
  starts_at: number
  ends_at: number | null
  place_name: string
  lat: number
  lon: number
  created_by: string
  created_at: number
  updated_at: number
}

export interface ListQuery {
  limit: number
  topic?: string | undefined
  /** Happening at some point in [from, to] (ms, both inclusive). */
  from?: number | undefined
  to?: number | undefined
  near?: { lat: number, lon: number, radiusKm: number } | undefined
  /** The `next` of the previous page: (starts_at, seq), or (distance in mm, seq) near a place. */
  after?: PageKey | undefined
}

export interface Page {
  events: Event[]
  next: PageKey | null
}

const iso = (ms: number) => new Date(ms).toISOString()

function toEvent (row: EventRow, distance?: number): Event {
  return {
    event_id: bytesToUuid(row.event_id),
    title: row.title,
    description: row.description,
    topic: row.topic,
    starts_at: iso(row.starts_at),
    ends_at: row.ends_at === null ? null : iso(row.ends_at),
    place: { name: row.place_name, lat: row.lat, lon: row.lon },
    created_by: row.created_by,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    ...(distance === undefined ? {} : { distance_km: distance / 1e6 })
  }
}

// The R*Tree of times counts whole minutes from 2000-01-01 (the platform's first instant), so
// every instant it accepts fits a 32-bit integer; the tree of places counts 4 s units, so that
// a week (151,200) weighs about what 17 km (153,000 microdegrees) does when the tree splits.
const EPOCH = Date.UTC(2000, 0, 1)
const minuteFloor = (ms: number) => Math.floor((ms - EPOCH) / 60_000)
const minuteCeil = (ms: number) => Math.ceil((ms - EPOCH) / 60_000)
const unitFloor = (ms: number) => Math.floor((ms - EPOCH) / 4000)
const unitCeil = (ms: number) => Math.ceil((ms - EPOCH) / 4000)
const FOREVER = 8.64e15
const I32_MIN = -(2 ** 31)
const I32_MAX = 2 ** 31 - 1

/**
 * A topic's bucket in the tree of places: FNV-1a of the topic, one of 512 values spaced 2^22
 * apart (the whole 32-bit range); an entry spans [bucket, bucket + 1]. Far apart, they are what
 * the R*Tree splits on first, so a search within one topic descends one branch. Two topics may
 * share a bucket: the exact topic is checked on the row.
 */
export function topicBucket (topic: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < topic.length; i++) h = Math.imul(h ^ topic.charCodeAt(i), 0x01000193) >>> 0
  return ((h % 512) - 256) * 2 ** 22
}

const COLUMNS = 'seq, event_id, title, description, topic, starts_at, ends_at, place_name, lat, lon, created_by, created_at, updated_at'

/**
 * The list queries (exported for the test that reads their query plans). Each answers keys
 * only (seq and the order's key, from covering indexes where it can); the page's few rows are
 * read whole afterwards.
 */
export const LIST_SQL = {
  // Starting in [from, to], in start order; the `after` forms continue past a page's last key.
  starting: 'SELECT seq, starts_at FROM events WHERE starts_at >= @from AND starts_at <= @to ORDER BY starts_at, seq LIMIT @take',
  startingAfter: 'SELECT seq, starts_at FROM events WHERE (starts_at, seq) > (@at, @seq) AND starts_at <= @to ORDER BY starts_at, seq LIMIT @take',
  topicStarting: 'SELECT seq, starts_at FROM events WHERE topic = @topic AND starts_at >= @from AND starts_at <= @to ORDER BY starts_at, seq LIMIT @take',
  topicStartingAfter: 'SELECT seq, starts_at FROM events WHERE topic = @topic AND (starts_at, seq) > (@at, @seq) AND starts_at <= @to ORDER BY starts_at, seq LIMIT @take',
  // Started before `from` and still going on at it: a stab into the R*Tree of times. CROSS JOIN
  // keeps the R*Tree outside (SQLite would otherwise walk every earlier start in the index).
  ongoing: `SELECT e.seq AS seq, e.starts_at AS starts_at FROM events_when w CROSS JOIN events e ON e.seq = w.seq
    WHERE w.t_min <= @minute AND w.t_max >= @minute AND e.starts_at < @from AND coalesce(e.ends_at, e.starts_at) >= @from
      AND (@topic IS NULL OR e.topic = @topic) AND (e.starts_at, e.seq) > (@at, @seq)
    ORDER BY e.starts_at, e.seq LIMIT @take`,
  // Candidates in a box around a place, with their exact coordinates.
  inBox: `SELECT e.seq AS seq, e.lat AS lat, e.lon AS lon FROM events_where w CROSS JOIN events e ON e.seq = w.seq
    WHERE w.lat_min >= @latMin AND w.lat_max <= @latMax AND w.lon_min >= @lonMin AND w.lon_max <= @lonMax`,
  // Candidates in a box of place x time x topic; the exact distance, times and topic decide.
  inBoxFiltered: `SELECT e.seq AS seq, e.lat AS lat, e.lon AS lon FROM events_what w CROSS JOIN events e ON e.seq = w.seq
    WHERE w.lat_min >= @latMin AND w.lat_max <= @latMax AND w.lon_min >= @lonMin AND w.lon_max <= @lonMax
      AND w.t_min <= @tHi AND w.t_max >= @tLo AND w.topic_min >= @bucketLo AND w.topic_max <= @bucketHi + 1
      AND (@topic IS NULL OR e.topic = @topic) AND e.starts_at <= @to AND coalesce(e.ends_at, e.starts_at) >= @from`
}

interface Key {
  seq: number
  starts_at: number
}

interface Candidate {
  seq: number
  lat: number
  lon: number
}

const after = (key: PageKey | undefined, at: number, seq: number) => !key || at > key.at || (at === key.at && seq > key.seq)

/** All SQL of the events service: statements prepared once, each write in one transaction. */
export function createEventsStore (db: Db, now: () => number = Date.now) {
  // Searches read scattered pages of a large file: map it (no read() per page) and keep more
  // pages cached. Settings of this connection only.
  db.pragma('mmap_size = 4294967296')
  db.pragma('cache_size = -65536')
  const insertRow = db.prepare<[Omit<EventRow, 'seq'>]>(
    `INSERT INTO events (event_id, title, description, topic, starts_at, ends_at, place_name, lat, lon, created_by, created_at, updated_at)
     VALUES (@event_id, @title, @description, @topic, @starts_at, @ends_at, @place_name, @lat, @lon, @created_by, @created_at, @updated_at)`
  )
  const putWhere = db.prepare<number[]>('INSERT OR REPLACE INTO events_where VALUES (?, ?, ?, ?, ?)')
  const putWhat = db.prepare<number[]>('INSERT OR REPLACE INTO events_what VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const putWhen = db.prepare<[number, number, number]>('INSERT OR REPLACE INTO events_when VALUES (?, ?, ?)')
  const byId = db.prepare<[Buffer], EventRow>(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`)
  const bySeq = db.prepare<[number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE seq = ?`)
  const updateRow = db.prepare<[EventRow]>(
    `UPDATE events SET title = @title, description = @description, topic = @topic, starts_at = @starts_at, ends_at = @ends_at,
       place_name = @place_name, lat = @lat, lon = @lon, updated_at = @updated_at WHERE seq = @seq`
  )
  const deleteRow = db.prepare<[number]>('DELETE FROM events WHERE seq = ?')
  const deleteWhere = db.prepare<[number]>('DELETE FROM events_where WHERE seq = ?')
  const deleteWhat = db.prepare<[number]>('DELETE FROM events_what WHERE seq = ?')
  const deleteWhen = db.prepare<[number]>('DELETE FROM events_when WHERE seq = ?')

  const lists = {
    starting: db.prepare<[object], Key>(LIST_SQL.starting),
    startingAfter: db.prepare<[object], Key>(LIST_SQL.startingAfter),
    topicStarting: db.prepare<[object], Key>(LIST_SQL.topicStarting),
    topicStartingAfter: db.prepare<[object], Key>(LIST_SQL.topicStartingAfter),
    ongoing: db.prepare<[object], Key>(LIST_SQL.ongoing),
    inBox: db.prepare<[object], Candidate>(LIST_SQL.inBox),
    inBoxFiltered: db.prepare<[object], Candidate>(LIST_SQL.inBoxFiltered)
  }

  const index = (seq: number, row: Pick<EventRow, 'lat' | 'lon' | 'starts_at' | 'ends_at' | 'topic'>) => {
    const lat = micro(row.lat)
    const lon = micro(row.lon)
    const end = row.ends_at ?? row.starts_at
    const bucket = topicBucket(row.topic)
    putWhere.run(seq, lat, lat, lon, lon)
    putWhat.run(seq, lat, lat, lon, lon, unitFloor(row.starts_at), unitCeil(end), bucket, bucket + 1)
    putWhen.run(seq, minuteFloor(row.starts_at), minuteCeil(end))
  }

  /** Writes one event with its two index entries (inside the caller's transaction, or its own). */
  const insert = (row: Omit<EventRow, 'seq'>): number => {
    const seq = Number(insertRow.run(row).lastInsertRowid)
    index(seq, row)
    return seq
  }

  const create = db.transaction((event: NewEvent): EventRow => {
    if (event.endsAt !== null && event.endsAt < event.startsAt) throw new EndsBeforeStart()
    const at = now()
    const row = {
      event_id: newUuid().bytes,
      title: event.title,
      description: event.description,
      topic: event.topic,
      starts_at: event.startsAt,
      ends_at: event.endsAt,
      place_name: event.place.name,
      lat: event.place.lat,
      lon: event.place.lon,
      created_by: event.createdBy,
      created_at: at,
      updated_at: at
    }
    return { seq: insert(row), ...row }
  })

  // Read, check, merge, check the whole, write: one IMMEDIATE transaction, so two instances
  // changing one event at once cannot lose either change or pass ends_at < starts_at together.
  const update = db.transaction((id: Buffer, change: EventChange, authorize: (row: EventRow) => void): EventRow | undefined => {
    const row = byId.get(id)
    if (!row) return undefined
    authorize(row)
    const merged: EventRow = {
      ...row,
      ...(change.title === undefined ? {} : { title: change.title }),
      ...(change.description === undefined ? {} : { description: change.description }),
      ...(change.topic === undefined ? {} : { topic: change.topic }),
      ...(change.startsAt === undefined ? {} : { starts_at: change.startsAt }),
      ...(change.endsAt === undefined ? {} : { ends_at: change.endsAt }),
      ...(change.place === undefined ? {} : { place_name: change.place.name, lat: change.place.lat, lon: change.place.lon }),
      updated_at: now()
    }
    if (merged.ends_at !== null && merged.ends_at < merged.starts_at) throw new EndsBeforeStart()
    updateRow.run(merged)
    index(row.seq, merged)
    return merged
  })

  const remove = db.transaction((id: Buffer, authorize: (row: EventRow) => void): EventRow | undefined => {
    const row = byId.get(id)
    if (!row) return undefined
    authorize(row)
    deleteRow.run(row.seq)
    deleteWhere.run(row.seq)
    deleteWhat.run(row.seq)
    deleteWhen.run(row.seq)
    return row
  })

  /** In start order: the events going on at `from` that began before it, then those starting in the range. */
  function byStart (q: ListQuery, take: number): Key[] {
    const keys: Key[] = []
    const topic = q.topic ?? null
    const from = q.from ?? 0
    const to = q.to ?? FOREVER
    if (q.from !== undefined && (!q.after || q.after.at < q.from)) {
      keys.push(...lists.ongoing.all({ minute: minuteFloor(q.from), from: q.from, topic, at: q.after?.at ?? -1, seq: q.after?.seq ?? -1, take }))
    }
    if (keys.length < take) {
      const rest = { topic, from, to, take: take - keys.length }
      const continuing = q.after && q.after.at >= from
      const statement = topic === null
        ? (continuing ? lists.startingAfter : lists.starting)
        : (continuing ? lists.topicStartingAfter : lists.topicStarting)
      keys.push(...statement.all(continuing ? { ...rest, at: q.after!.at, seq: q.after!.seq } : rest))
    }
    return keys
  }

  /**
   * Nearest first: ask the R*Tree for the box around a small circle, and widen it until the
   * circle holds a page (or is the whole radius). Every event inside a circle is nearer than
   * every event outside it, so the nearest of a circle are the nearest of all.
   */
  function byDistance (q: ListQuery, near: NonNullable<ListQuery['near']>, take: number) {
    const bucket = q.topic === undefined ? undefined : topicBucket(q.topic)
    const filters = {
      topic: q.topic ?? null,
      from: q.from ?? 0,
      to: q.to ?? FOREVER,
      tLo: q.from === undefined ? I32_MIN : unitFloor(q.from),
      tHi: q.to === undefined ? I32_MAX : unitCeil(q.to),
      bucketLo: bucket ?? I32_MIN,
      bucketHi: bucket ?? I32_MAX
    }
    const filtered = q.topic !== undefined || q.from !== undefined || q.to !== undefined
    const inBox = filtered ? lists.inBoxFiltered : lists.inBox
    // Start small (a dense city centre holds hundreds of events per km²) or just past the
    // previous page, and grow.
    let radius = Math.min(near.radiusKm, q.after ? q.after.at / 1e6 + 0.1 : 0.1)
    let hits: { seq: number, mm: number }[]
    for (;;) {
      hits = []
      for (const box of capBoxes(near.lat, near.lon, radius)) {
        // Microdegrees, widened by one each way: a stored point is rounded to the nearest one.
        const args = { ...filters, latMin: micro(box.latMin) - 1, latMax: micro(box.latMax) + 1, lonMin: micro(box.lonMin) - 1, lonMax: micro(box.lonMax) + 1 }
        for (const c of inBox.iterate(args)) {
          const d = distanceKm(near.lat, near.lon, c.lat, c.lon)
          if (d > radius) continue
          const mm = Math.round(d * 1e6)
          if (after(q.after, mm, c.seq)) hits.push({ seq: c.seq, mm })
        }
      }
      if (hits.length >= take || radius >= near.radiusKm) break
      // Aim at a circle holding a page, guessing from the density seen so far; with nothing
      // seen yet, only double (the area x4): a filter may be rare, and overshooting into a
      // dense city costs more than one more small step.
      const grow = hits.length === 0 ? 2 : Math.min(4, Math.max(1.25, 1.1 * Math.sqrt(take / hits.length)))
      radius = Math.min(near.radiusKm, radius * grow)
    }
    hits.sort((a, b) => a.mm - b.mm || a.seq - b.seq)
    const page = hits.slice(0, take)
    return { rows: page.map((h) => ({ row: bySeq.get(h.seq)!, mm: h.mm })) }
  }

  return {
    insert,

    create (event: NewEvent): Event {
      return toEvent(create.immediate(event))
    },

    get (eventId: string): Event | undefined {
      const row = byId.get(uuidToBytes(eventId))
      return row && toEvent(row)
    },

    /** The event changed, or undefined when there is none; `authorize` may throw (a 403). */
    update (eventId: string, change: EventChange, authorize: (createdBy: string) => void = () => {}): Event | undefined {
      const row = update.immediate(uuidToBytes(eventId), change, (r) => authorize(r.created_by))
      return row && toEvent(row)
    },

    /** Deletes the event and returns what it was, or undefined when there was none. */
    delete (eventId: string, authorize: (createdBy: string) => void = () => {}): Event | undefined {
      const row = remove.immediate(uuidToBytes(eventId), (r) => authorize(r.created_by))
      return row && toEvent(row)
    },

    /** One page of a list; `next` is the key of its last event when more remain. */
    list (q: ListQuery): Page {
      // One more than asked tells whether another page exists without a COUNT.
      const take = q.limit + 1
      if (q.near) {
        const { rows } = byDistance(q, q.near, take)
        const page = rows.slice(0, q.limit)
        const last = page.at(-1)
        return { events: page.map((r) => toEvent(r.row, r.mm)), next: rows.length > q.limit && last ? { at: last.mm, seq: last.row.seq } : null }
      }
      const keys = byStart(q, take)
      const page = keys.slice(0, q.limit)
      const last = page.at(-1)
      return { events: page.map((k) => toEvent(bySeq.get(k.seq)!)), next: keys.length > q.limit && last ? { at: last.starts_at, seq: last.seq } : null }
    }
  }
}

export type EventsStore = ReturnType<typeof createEventsStore>

declare module 'fastify' {
  interface FastifyInstance {
    events: EventsStore
  }
}

export const EVENTS_MIGRATIONS = new URL('../migrations', import.meta.url)

/** The events database as a plugin: `app.events` is the store. */
export const eventsStore = sqliteStore({
  name: 'events-store',
  decorator: 'events',
  migrations: EVENTS_MIGRATIONS,
  createStore: (db) => createEventsStore(db)
})
