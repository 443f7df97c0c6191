import { sqliteStore, type Db } from '@platform/sqlite'
import { bytesToUuid, newUuid, uuidToBytes } from '@platform/ids'
import type { PageKey } from '@platform/kit'

export interface NewPost {
  title: string
  text: string
  community: string
  url?: string | undefined
  username: string
}

export interface Post {
  post_id: string
  title: string
  text: string
  community: string
  url?: string
  username: string
  created_at: string
}

export type PostSummary = Omit<Post, 'text' | 'url'>

export interface Page {
  posts: PostSummary[]
  /** Key of the last post when older posts remain, else null. */
  next: PageKey | null
}

interface PostRow {
  seq: number
  post_id: Buffer
  title: string
  text: string
  community: string
  url: string | null
  username: string
  created_at: number
}

type SummaryRow = Omit<PostRow, 'text' | 'url'>

function toPost (row: PostRow): Post {
  return {
    post_id: bytesToUuid(row.post_id),
    title: row.title,
    text: row.text,
    community: row.community,
    ...(row.url === null ? {} : { url: row.url }),
    username: row.username,
    created_at: new Date(row.created_at).toISOString()
  }
}

function toSummary (row: SummaryRow): PostSummary {
  return {
    post_id: bytesToUuid(row.post_id),
    title: row.title,
    community: row.community,
    username: row.username,
    created_at: new Date(row.created_at).toISOString()
  }
}

const COLUMNS = 'seq, post_id, title, text, community, url, username, created_at'
const SUMMARY = 'seq, post_id, title, community, username, created_at'
// (created_at, seq) < (?, ?) is a range on the index, so a page costs `limit` index steps however deep.
const OLDER = '(created_at, seq) < (@at, @seq)'
const NEWEST_FIRST = 'ORDER BY created_at DESC, seq DESC LIMIT @take'

/** The four list queries (exported for the test that checks they read an index range). */
export const LIST_SQL = {
  all: `SELECT ${SUMMARY} FROM posts ${NEWEST_FIRST}`,
  allBefore: `SELECT ${SUMMARY} FROM posts WHERE ${OLDER} ${NEWEST_FIRST}`,
  community: `SELECT ${SUMMARY} FROM posts WHERE community = @community ${NEWEST_FIRST}`,
  communityBefore: `SELECT ${SUMMARY} FROM posts WHERE community = @community AND ${OLDER} ${NEWEST_FIRST}`
}

type ListArgs = { take: number; community?: string; at?: number; seq?: number }

export function createPostsStore (db: Db, now: () => number = Date.now) {
  const insert = db.prepare<[Buffer, string, string, string, string | null, string, number], PostRow>(
    `INSERT INTO posts (post_id, title, text, community, url, username, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`
  )
  const byId = db.prepare<[Buffer], PostRow>(`SELECT ${COLUMNS} FROM posts WHERE post_id = ?`)
  const remove = db.prepare<[Buffer], PostRow>(`DELETE FROM posts WHERE post_id = ? RETURNING ${COLUMNS}`)

  const lists = {
    all: db.prepare<[ListArgs], SummaryRow>(LIST_SQL.all),
    allBefore: db.prepare<[ListArgs], SummaryRow>(LIST_SQL.allBefore),
    community: db.prepare<[ListArgs], SummaryRow>(LIST_SQL.community),
    communityBefore: db.prepare<[ListArgs], SummaryRow>(LIST_SQL.communityBefore)
  }

  return {
    create (post: NewPost): Post {
      const row = insert.get(newUuid().bytes, post.title, post.text, post.community, post.url ?? null, post.username, now())
      return toPost(row!)
    },

    get (postId: string): Post | undefined {
      const row = byId.get(uuidToBytes(postId))
      return row && toPost(row)
    },

    /** Deletes the post and returns what it was, or undefined when there was none. */
    delete (postId: string): Post | undefined {
      const row = remove.get(uuidToBytes(postId))
      return row && toPost(row)
    },

    /** The newest `limit` posts (in `community` when given) older than `before`. */
    list (options: { limit: number; community?: string | undefined; before?: PageKey | undefined }): Page {
      const { limit, community, before } = options
      // One row more than asked tells whether another page exists without a COUNT.
      const args: ListArgs = { take: limit + 1, ...(community === undefined ? {} : { community }), ...before }
      const statement =
        community === undefined ? (before ? lists.allBefore : lists.all) : before ? lists.communityBefore : lists.community
      const rows = statement.all(args)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        posts: page.map(toSummary),
        next: rows.length > limit && last ? { at: last.created_at, seq: last.seq } : null
      }
    }
  }
}

export type PostsStore = ReturnType<typeof createPostsStore>

declare module 'fastify' {
  interface FastifyInstance {
    posts: PostsStore
  }
}

/** The posts database as a plugin: `app.posts` is the store. */
export const postsStore = sqliteStore({
  name: 'posts-store',
  decorator: 'posts',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createPostsStore(db)
})
