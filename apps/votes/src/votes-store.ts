import { sqliteStore, type Db } from '@platform/sqlite'
import { bytesToUuid, uuidToBytes } from '@platform/ids'

export type Direction = 'up' | 'down'

export interface Tally {
  post_id: string
  upvotes: number
  downvotes: number
  score: number
}

export interface TopPost extends Tally {
  community: string | null
}

/** What casting a vote came to; the store decides, the route turns refusals into 409s. */
export type CastResult =
  | { outcome: 'cast'; previous: Direction | null; tally: Tally }
  | { outcome: 'same-vote' }
  | { outcome: 'community-mismatch'; recorded: string; given: string }

interface TallyRow {
  post_id: Buffer
  upvotes: number
  downvotes: number
  score: number
  community: string | null
}

const toDirection = (d: number): Direction => (d > 0 ? 'up' : 'down')

function toTally (row: TallyRow): Tally {
  return { post_id: bytesToUuid(row.post_id), upvotes: row.upvotes, downvotes: row.downvotes, score: row.score }
}

const TALLY = 'post_id, upvotes, downvotes, score, community'

/** The /votes/top queries (exported for the test that checks they read an index range). */
export const TOP_SQL = {
  all: `SELECT ${TALLY} FROM tallies ORDER BY score DESC, post_id LIMIT @limit`,
  community: `SELECT ${TALLY} FROM tallies WHERE community = @community ORDER BY score DESC, post_id LIMIT @limit`
}

export function createVotesStore (db: Db, now: () => number = Date.now) {
  const voteOf = db.prepare<[Buffer, string], { direction: number }>('SELECT direction FROM votes WHERE post_id = ? AND username = ?')
  const insertVote = db.prepare<[Buffer, string, number, number]>(
    'INSERT INTO votes (post_id, username, direction, voted_at) VALUES (?, ?, ?, ?)'
  )
  const changeVote = db.prepare<[number, number, Buffer, string]>(
    'UPDATE votes SET direction = ?, voted_at = ? WHERE post_id = ? AND username = ?'
  )
  const tallyOf = db.prepare<[Buffer], TallyRow>(`SELECT ${TALLY} FROM tallies WHERE post_id = ?`)
  type TallyChange = { post_id: Buffer; up: number; down: number; community: string | null }
  // A new voter: one more in a count (the post's first vote creates its tally). The first
  // vote that names the community sets it for good.
  const countNewVote = db.prepare<[TallyChange], TallyRow>(
    `INSERT INTO tallies (post_id, upvotes, downvotes, community) VALUES (@post_id, @up, @down, @community)
     ON CONFLICT (post_id) DO UPDATE SET
       upvotes = upvotes + excluded.upvotes,
       downvotes = downvotes + excluded.downvotes,
       community = coalesce(community, excluded.community)
     RETURNING ${TALLY}`
  )
  // A replaced vote moves one from the old direction's count to the new one's. (Not through the
  // upsert: its would-be row of -1 fails the CHECK before the conflict is seen.)
  const moveVote = db.prepare<[TallyChange], TallyRow>(
    `UPDATE tallies SET upvotes = upvotes + @up, downvotes = downvotes + @down, community = coalesce(community, @community)
     WHERE post_id = @post_id RETURNING ${TALLY}`
  )
  const top = db.prepare<[{ limit: number }], TallyRow>(TOP_SQL.all)
  const topIn = db.prepare<[{ limit: number; community: string }], TallyRow>(TOP_SQL.community)

  const cast = db.transaction((postId: Buffer, username: string, direction: Direction, community: string | null): CastResult => {
    const sign = direction === 'up' ? 1 : -1
    const earlier = voteOf.get(postId, username)?.direction
    if (earlier === sign) return { outcome: 'same-vote' }
    const recorded = tallyOf.get(postId)?.community ?? null
    if (community !== null && recorded !== null && recorded !== community) return { outcome: 'community-mismatch', recorded, given: community }

    let row: TallyRow | undefined
    if (earlier === undefined) {
      insertVote.run(postId, username, sign, now())
      row = countNewVote.get({ post_id: postId, up: sign > 0 ? 1 : 0, down: sign < 0 ? 1 : 0, community })
    } else {
      changeVote.run(sign, now(), postId, username)
      row = moveVote.get({ post_id: postId, up: sign, down: -sign, community })
    }
    if (!row) throw new Error('a vote was recorded without a tally row')
    return { outcome: 'cast', previous: earlier === undefined ? null : toDirection(earlier), tally: toTally(row) }
  })

  // Many post ids read from one snapshot, so a vote landing midway cannot mix two states.
  const scoresOf = db.transaction((postIds: string[]) =>
    postIds.map((id) => ({ post_id: id, score: tallyOf.get(uuidToBytes(id))?.score ?? 0 }))
  )

  return {
    /**
     * One user's vote on one post, atomically: the same vote again changes nothing, the
     * opposite vote replaces the earlier one. IMMEDIATE takes the write lock before reading,
     * so two processes cannot both read "no vote yet" and both count one.
     */
    vote (postId: string, username: string, direction: Direction, community?: string): CastResult {
      return cast.immediate(uuidToBytes(postId), username, direction, community ?? null)
    },

    /** The post's counts; zeros for a post nobody voted on. */
    tally (postId: string): Tally {
      const row = tallyOf.get(uuidToBytes(postId))
      return row ? toTally(row) : { post_id: bytesToUuid(uuidToBytes(postId)), upvotes: 0, downvotes: 0, score: 0 }
    },

    /** Highest score first; equal scores in post id order, so the answer is stable. */
    top (limit: number, community?: string): TopPost[] {
      const rows = community === undefined ? top.all({ limit }) : topIn.all({ limit, community })
      return rows.map((row) => ({ ...toTally(row), community: row.community }))
    },

    /** Each id's score (0 when unvoted), ids in canonical lower case. */
    scores (postIds: string[]): { post_id: string; score: number }[] {
      return scoresOf(postIds.map((id) => id.toLowerCase()))
    }
  }
}

export type VotesStore = ReturnType<typeof createVotesStore>

declare module 'fastify' {
  interface FastifyInstance {
    votes: VotesStore
  }
}

/** The votes database as a plugin: `app.votes` is the store. */
export const votesStore = sqliteStore({
  name: 'votes-store',
  decorator: 'votes',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createVotesStore(db)
})
