import type { PageKey } from '@platform/kit'
import { bytesToUuid, newUuid, uuidToBytes } from '@platform/ids'
import { sqliteStore, type Db } from '@platform/sqlite'

export interface Poll {
  poll_id: string
  title: string
  username: string
  responses: string[]
  created_at: string
}

export interface Vote {
  poll_id: string
  username: string
  choice: string
  voted_at: string
}

export interface Results {
  poll_id: string
  total: number
  results: { choice: string, votes: number }[]
}

/** What casting a vote came to; the store decides, the route turns refusals into 404/400/409. */
export type VoteOutcome =
  | { outcome: 'voted', vote: Vote }
  | { outcome: 'no-poll' }
  | { outcome: 'no-such-choice', responses: string[] }
  | { outcome: 'already-voted' }

export interface ListFilter {
  username?: string | undefined
  /** Words the title must contain (all of them), as `titleWords` found them. */
  words?: string[] | undefined
}

interface PollRow {
  seq: number
  poll_id: Buffer
  title: string
  username: string
  created_at: number
  responses: string
}

// A poll's responses come with it as one JSON array, in the order they were given.
const COLUMNS = `p.seq, p.poll_id, p.title, p.username, p.created_at,
  (SELECT json_group_array(choice) FROM (SELECT choice FROM responses WHERE poll_seq = p.seq ORDER BY position)) AS responses`

const toPoll = (row: PollRow): Poll => ({
  poll_id: bytesToUuid(row.poll_id),
  title: row.title,
  username: row.username,
  responses: JSON.parse(row.responses) as string[],
  created_at: new Date(row.created_at).toISOString()
})

/**
 * The words of a title search, as FTS5 will match them: runs of letters, digits and marks
 * (what its unicode61 tokenizer keeps). Each becomes a quoted phrase in the MATCH
 * expression, so nothing a client sends is FTS5 syntax (no operators, no column filters).
 */
export function titleWords (text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}\p{Co}]+/gu) ?? []
}

const matchExpression = (words: string[]) => words.map((w) => `"${w}"`).join(' ')

type ListKind = 'all' | 'user' | 'title' | 'userTitle'

/**
 * The list queries, newest first along seq (exported for the test that reads their plans).
 * A title search walks the FTS index in descending rowid (= seq) order, so a page costs
 * `take` matches, not all of them; with a username it walks that user's polls instead,
 * checking each against the index.
 */
export function listSql (kind: ListKind, before: boolean): string {
  const older = before ? (kind === 'title' ? 'AND f.rowid < @seq' : 'AND p.seq < @seq') : ''
  switch (kind) {
    case 'all':
      return `SELECT ${COLUMNS} FROM polls p WHERE 1 ${older} ORDER BY p.seq DESC LIMIT @take`
    case 'user':
      return `SELECT ${COLUMNS} FROM polls p WHERE p.username = @username ${older} ORDER BY p.seq DESC LIMIT @take`
    case 'title':
      return `SELECT ${COLUMNS} FROM polls_fts f JOIN polls p ON p.seq = f.rowid
        WHERE polls_fts MATCH @match ${older} ORDER BY f.rowid DESC LIMIT @take`
    case 'userTitle':
      return `SELECT ${COLUMNS} FROM polls_fts f JOIN polls p ON p.seq = f.rowid
        WHERE polls_fts MATCH @match AND p.username = @username ${older} ORDER BY p.seq DESC LIMIT @take`
  }
}

type ListArgs = { take: number, seq?: number, username?: string, match?: string }

/** All SQL of the polls service: statements prepared once, every multi-statement write in one transaction. */
export function createPollsStore (db: Db, now: () => number = Date.now) {
  const insertPoll = db.prepare<[Buffer, string, string, number], { seq: number }>(
    'INSERT INTO polls (poll_id, title, username, created_at) VALUES (?, ?, ?, ?) RETURNING seq'
  )
  const insertResponse = db.prepare<[number, number, string]>('INSERT INTO responses (poll_seq, position, choice) VALUES (?, ?, ?)')
  const bySeq = db.prepare<[number], PollRow>(`SELECT ${COLUMNS} FROM polls p WHERE p.seq = ?`)
  const byId = db.prepare<[Buffer], PollRow>(`SELECT ${COLUMNS} FROM polls p WHERE p.poll_id = ?`)
  const seqOf = db.prepare<[Buffer], { seq: number }>('SELECT seq FROM polls WHERE poll_id = ?')
  const responseOf = db.prepare<[number, string], { position: number }>('SELECT position FROM responses WHERE poll_seq = ? AND choice = ?')
  const choicesOf = db.prepare<[number], { choice: string }>('SELECT choice FROM responses WHERE poll_seq = ? ORDER BY position')
  const insertVote = db.prepare<[number, string, number, number]>(
    'INSERT INTO votes (poll_seq, username, position, voted_at) VALUES (?, ?, ?, ?) ON CONFLICT (poll_seq, username) DO NOTHING'
  )
  const countVote = db.prepare<[number, number]>('UPDATE responses SET votes = votes + 1 WHERE poll_seq = ? AND position = ?')
  const voteOf = db.prepare<[Buffer, string], { username: string, choice: string, voted_at: number }>(
    `SELECT v.username, r.choice, v.voted_at FROM polls p
       JOIN votes v ON v.poll_seq = p.seq
       JOIN responses r ON r.poll_seq = v.poll_seq AND r.position = v.position
     WHERE p.poll_id = ? AND v.username = ?`
  )
  const tallyOf = db.prepare<[Buffer], { choice: string, votes: number }>(
    'SELECT choice, votes FROM responses WHERE poll_seq = (SELECT seq FROM polls WHERE poll_id = ?) ORDER BY position'
  )
  const lists = Object.fromEntries(
    (['all', 'user', 'title', 'userTitle'] as const).flatMap((kind) => [
      [kind, db.prepare<[ListArgs], PollRow>(listSql(kind, false))],
      [`${kind}Before`, db.prepare<[ListArgs], PollRow>(listSql(kind, true))]
    ])
  )

  const create = db.transaction((poll: { title: string, username: string, responses: string[] }) => {
    const { seq } = insertPoll.get(newUuid().bytes, poll.title, poll.username, now())!
    poll.responses.forEach((choice, position) => insertResponse.run(seq, position, choice))
    return toPoll(bySeq.get(seq)!)
  })

  const cast = db.transaction((pollId: string, username: string, choice: string): VoteOutcome => {
    const poll = seqOf.get(uuidToBytes(pollId))
    if (!poll) return { outcome: 'no-poll' }
    const response = responseOf.get(poll.seq, choice)
    if (!response) return { outcome: 'no-such-choice', responses: choicesOf.all(poll.seq).map((r) => r.choice) }
    const at = now()
    // The primary key (poll, user) decides: a second vote inserts nothing and counts nothing.
    if (insertVote.run(poll.seq, username, response.position, at).changes === 0) return { outcome: 'already-voted' }
    countVote.run(poll.seq, response.position)
    return { outcome: 'voted', vote: { poll_id: bytesToUuid(uuidToBytes(pollId)), username, choice, voted_at: new Date(at).toISOString() } }
  })

  return {
    /** A new poll with its responses, in one transaction. */
    create (poll: { title: string, username: string, responses: string[] }): Poll {
      return create.immediate(poll)
    },

    get (pollId: string): Poll | undefined {
      const row = byId.get(uuidToBytes(pollId))
      return row && toPoll(row)
    },

    /**
     * One user's vote, atomically: IMMEDIATE takes the write lock before the reads, so two
     * processes on one file cannot both find "no vote yet"; the tally moves in the same transaction.
     */
    vote (pollId: string, username: string, choice: string): VoteOutcome {
      return cast.immediate(pollId, username, choice)
    },

    voteOf (pollId: string, username: string): Vote | undefined {
      const row = voteOf.get(uuidToBytes(pollId), username)
      return row && { poll_id: bytesToUuid(uuidToBytes(pollId)), username: row.username, choice: row.choice, voted_at: new Date(row.voted_at).toISOString() }
    },

    /** Every response's count in the poll's order (one statement: one snapshot); undefined for an unknown poll. */
    results (pollId: string): Results | undefined {
      const rows = tallyOf.all(uuidToBytes(pollId))
      if (rows.length === 0) return undefined
      return { poll_id: bytesToUuid(uuidToBytes(pollId)), total: rows.reduce((sum, r) => sum + r.votes, 0), results: rows }
    },

    /** The newest `limit` polls after `before`, by `username` and/or with every one of `words` in the title. */
    list (limit: number, filter: ListFilter = {}, before?: PageKey): { polls: Poll[], next: PageKey | null } {
      const words = filter.words && filter.words.length > 0 ? filter.words : undefined
      const kind: ListKind = filter.username === undefined ? (words ? 'title' : 'all') : (words ? 'userTitle' : 'user')
      const args: ListArgs = {
        take: limit + 1,
        ...(before ? { seq: before.seq } : {}),
        ...(filter.username === undefined ? {} : { username: filter.username }),
        ...(words ? { match: matchExpression(words) } : {})
      }
      // One row more than asked tells whether another page exists without a COUNT.
      const rows = lists[before ? `${kind}Before` : kind]!.all(args)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return { polls: page.map(toPoll), next: rows.length > limit && last ? { at: last.created_at, seq: last.seq } : null }
    }
  }
}

export type PollsStore = ReturnType<typeof createPollsStore>

declare module 'fastify' {
  interface FastifyInstance {
    polls: PollsStore
  }
}

/** The polls database as a plugin: `app.polls` is the store. */
export const pollsStore = sqliteStore({
  name: 'polls-store',
  decorator: 'polls',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createPollsStore(db)
})
