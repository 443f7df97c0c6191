import type { PageKey } from '@platform/kit'
import { bytesToUuid, newUuid, uuidToBytes } from '@platform/ids'
import { isUniqueViolation, sqliteStore, type Db } from '@platform/sqlite'

export interface Movie {
  movie_id: string
  title: string
  director: string
  rating: number
  created_at: string
}

export interface MovieFields {
  title: string
  director: string
  /** Tenths: 7.4 is 74. */
  rating_tenths: number
}

interface MovieRow extends MovieFields {
  seq: number
  movie_id: Buffer
  created_at: number
}

const COLUMNS = 'seq, movie_id, title, director, rating_tenths, created_at'

// Rows become the API's objects here, at the store boundary.
const toMovie = (row: MovieRow): Movie => ({
  movie_id: bytesToUuid(row.movie_id),
  title: row.title,
  director: row.director,
  rating: row.rating_tenths / 10,
  created_at: new Date(row.created_at).toISOString()
})

/** All SQL of the movies service: statements prepared once, one statement per write. */
export function createMoviesStore (db: Db, now: () => number = Date.now) {
  const insert = db.prepare<[Buffer, string, string, number, number], MovieRow>(
    `INSERT INTO movies (movie_id, title, director, rating_tenths, created_at) VALUES (?, ?, ?, ?, ?) RETURNING ${COLUMNS}`
  )
  const byId = db.prepare<[Buffer], MovieRow>(`SELECT ${COLUMNS} FROM movies WHERE movie_id = ?`)
  // A field left null keeps its value: the change is one statement, so two changes never mix.
  const change = db.prepare<[{ id: Buffer, title: string | null, director: string | null, rating: number | null }], MovieRow>(
    `UPDATE movies SET title = coalesce(@title, title), director = coalesce(@director, director),
       rating_tenths = coalesce(@rating, rating_tenths) WHERE movie_id = @id RETURNING ${COLUMNS}`
  )
  const remove = db.prepare<[Buffer], MovieRow>(`DELETE FROM movies WHERE movie_id = ? RETURNING ${COLUMNS}`)
  // (created_at, seq) < (?, ?) is a range on the index: a page costs `take` index steps however deep.
  const newest = db.prepare<[{ take: number }], MovieRow>(`SELECT ${COLUMNS} FROM movies ORDER BY created_at DESC, seq DESC LIMIT @take`)
  const older = db.prepare<[{ take: number, at: number, seq: number }], MovieRow>(
    `SELECT ${COLUMNS} FROM movies WHERE (created_at, seq) < (@at, @seq) ORDER BY created_at DESC, seq DESC LIMIT @take`
  )
  // Many ids read from one snapshot.
  const many = db.transaction((ids: Buffer[]) => ids.map((id) => byId.get(id)).filter((row) => row !== undefined))

  return {
    /** The new movie, or undefined when `movieId` is taken. */
    create (fields: MovieFields, movieId?: string): Movie | undefined {
      const id = movieId === undefined ? newUuid().bytes : uuidToBytes(movieId)
      try {
        return toMovie(insert.get(id, fields.title, fields.director, fields.rating_tenths, now())!)
      } catch (err) {
        if (isUniqueViolation(err)) return undefined
        throw err
      }
    },

    get (movieId: string): Movie | undefined {
      const row = byId.get(uuidToBytes(movieId))
      return row && toMovie(row)
    },

    /** The movies of these ids that exist, in the order given (a repeated id once). */
    getMany (movieIds: string[]): Movie[] {
      const ids = [...new Set(movieIds.map((id) => id.toLowerCase()))]
      return many(ids.map(uuidToBytes)).map(toMovie)
    },

    /** The movie after the change, or undefined when there is none. */
    update (movieId: string, fields: Partial<MovieFields>): Movie | undefined {
      const row = change.get({ id: uuidToBytes(movieId), title: fields.title ?? null, director: fields.director ?? null, rating: fields.rating_tenths ?? null })
      return row && toMovie(row)
    },

    /** Deletes the movie and returns what it was, or undefined when there was none. */
    delete (movieId: string): Movie | undefined {
      const row = remove.get(uuidToBytes(movieId))
      return row && toMovie(row)
    },

    /** The newest `limit` movies older than `before`; `next` is the key of the last one when more remain. */
    list (limit: number, before?: PageKey): { movies: Movie[], next: PageKey | null } {
      // One row more than asked tells whether another page exists without a COUNT.
      const rows = before ? older.all({ take: limit + 1, ...before }) : newest.all({ take: limit + 1 })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return { movies: page.map(toMovie), next: rows.length > limit && last ? { at: last.created_at, seq: last.seq } : null }
    }
  }
}

export type MoviesStore = ReturnType<typeof createMoviesStore>

declare module 'fastify' {
  interface FastifyInstance {
    cinemaMovies: MoviesStore
  }
}

/** The movies database as a plugin: `app.cinemaMovies` is the store. */
export const moviesStore = sqliteStore({
  name: 'cinema-movies-store',
  decorator: 'cinemaMovies',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createMoviesStore(db)
})
