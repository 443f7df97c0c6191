import { bytesToUuid, uuidToBytes } from '@platform/ids'
import { sqliteStore, type Db } from '@platform/sqlite'

export interface Showing {
  movie_id: string
  capacity: number
}

export interface Showtime {
  /** YYYY-MM-DD */
  date: string
  showings: Showing[]
}

interface ShowingRow {
  date: string
  movie_id: Buffer
  capacity: number
}

/** All SQL of the showtimes service: statements prepared once, each write one transaction. */
export function createShowtimesStore (db: Db, now: () => number = Date.now) {
  const insertDay = db.prepare<[string, number, number]>('INSERT INTO showtimes (date, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
  const touchDay = db.prepare<[number, string]>('UPDATE showtimes SET updated_at = ? WHERE date = ?')
  const dayExists = db.prepare<[string], { date: string }>('SELECT date FROM showtimes WHERE date = ?')
  const removeDay = db.prepare<[string]>('DELETE FROM showtimes WHERE date = ?')
  const insertShowing = db.prepare<[string, Buffer, number, number]>('INSERT INTO showings (date, movie_id, position, capacity) VALUES (?, ?, ?, ?)')
  const clearShowings = db.prepare<[string]>('DELETE FROM showings WHERE date = ?')
  const showingsOf = db.prepare<[string], ShowingRow>('SELECT date, movie_id, capacity FROM showings WHERE date = ? ORDER BY position')
  // Days are the primary key: a page is a range of it, and its showings one range of theirs.
  const firstDays = db.prepare<[{ take: number }], { date: string }>('SELECT date FROM showtimes ORDER BY date LIMIT @take')
  const laterDays = db.prepare<[{ take: number, after: string }], { date: string }>('SELECT date FROM showtimes WHERE date > @after ORDER BY date LIMIT @take')
  const showingsBetween = db.prepare<[{ first: string, last: string }], ShowingRow>(
    'SELECT date, movie_id, capacity FROM showings WHERE date BETWEEN @first AND @last ORDER BY date, position'
  )

  const toShowing = (row: ShowingRow): Showing => ({ movie_id: bytesToUuid(row.movie_id), capacity: row.capacity })
  const write = (date: string, showings: Showing[]) => {
    showings.forEach((s, i) => insertShowing.run(date, uuidToBytes(s.movie_id), i, s.capacity))
  }
  const read = (date: string): Showtime | undefined => {
    if (!dayExists.get(date)) return undefined
    return { date, showings: showingsOf.all(date).map(toShowing) }
  }

  const create = db.transaction((date: string, showings: Showing[]): Showtime | undefined => {
    const at = now()
    if (insertDay.run(date, at, at).changes === 0) return undefined
    write(date, showings)
    return read(date)
  })
  const replace = db.transaction((date: string, showings: Showing[]): Showtime | undefined => {
    if (touchDay.run(now(), date).changes === 0) return undefined
    clearShowings.run(date)
    write(date, showings)
    return read(date)
  })
  const remove = db.transaction((date: string): Showtime | undefined => {
    const day = read(date)
    if (day) removeDay.run(date)
    return day
  })
  const list = db.transaction((limit: number, after?: string) => {
    // One row more than asked tells whether another page exists without a COUNT.
    const days = (after === undefined ? firstDays.all({ take: limit + 1 }) : laterDays.all({ take: limit + 1, after })).map((d) => d.date)
    const page = days.slice(0, limit)
    const byDay = new Map<string, Showing[]>(page.map((d) => [d, []]))
    if (page.length > 0) for (const row of showingsBetween.all({ first: page[0]!, last: page.at(-1)! })) byDay.get(row.date)?.push(toShowing(row))
    return { showtimes: page.map((date) => ({ date, showings: byDay.get(date)! })), next: days.length > limit ? page.at(-1)! : null }
  })

  return {
    /** The new day, or undefined when the day has showtimes already. */
    create: (date: string, showings: Showing[]) => create.immediate(date, showings),
    /** The day with its showings replaced, or undefined when it has none. */
    replace: (date: string, showings: Showing[]) => replace.immediate(date, showings),
    /** Deletes the day and returns what it was, or undefined when there was none. */
    delete: (date: string) => remove.immediate(date),
    get: (date: string) => read(date),
    /** Days in calendar order after `after`; `next` is the last day of the page when more remain. */
    list: (limit: number, after?: string): { showtimes: Showtime[], next: string | null } => list(limit, after)
  }
}

export type ShowtimesStore = ReturnType<typeof createShowtimesStore>

declare module 'fastify' {
  interface FastifyInstance {
    cinemaShowtimes: ShowtimesStore
  }
}

/** The showtimes database as a plugin: `app.cinemaShowtimes` is the store. */
export const showtimesStore = sqliteStore({
  name: 'cinema-showtimes-store',
  decorator: 'cinemaShowtimes',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createShowtimesStore(db)
})
