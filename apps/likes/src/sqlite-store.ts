import { bytesToUuid, uuidToBytes } from '@platform/ids'
import type { PageKey } from '@platform/kit'
import { openDatabase } from '@platform/sqlite'
import { fileURLToPath } from 'node:url'
import type { LikesStore } from './store.js'

/** The embedded store: one SQLite file, each write one IMMEDIATE transaction (safe across processes). */
export function createSqliteStore (file: string, now: () => number = Date.now): LikesStore {
  const db = openDatabase(file, { migrations: fileURLToPath(new URL('../migrations', import.meta.url)) })
  const insert = db.prepare<[Buffer, string, number]>(
    'INSERT INTO likes (post_id, username, liked_at) VALUES (?, ?, ?) ON CONFLICT (post_id, username) DO NOTHING'
  )
  const countUp = db.prepare<[Buffer], { likes: number }>(
    'INSERT INTO counts (post_id, likes) VALUES (?, 1) ON CONFLICT (post_id) DO UPDATE SET likes = likes + 1 RETURNING likes'
  )
  const remove = db.prepare<[Buffer, string]>('DELETE FROM likes WHERE post_id = ? AND username = ?')
  const countDown = db.prepare<[Buffer], { likes: number }>('UPDATE counts SET likes = likes - 1 WHERE post_id = ? AND likes > 1 RETURNING likes')
  const dropCount = db.prepare<[Buffer]>('DELETE FROM counts WHERE post_id = ?')
  const likedAt = db.prepare<[Buffer, string], { liked_at: number }>('SELECT liked_at FROM likes WHERE post_id = ? AND username = ?')
  const countOf = db.prepare<[Buffer], { likes: number }>('SELECT likes FROM counts WHERE post_id = ?')
  type Row = { seq: number, post_id: Buffer, liked_at: number }
  const newest = db.prepare<[{ username: string, take: number }], Row>(
    'SELECT seq, post_id, liked_at FROM likes WHERE username = @username ORDER BY seq DESC LIMIT @take'
  )
  const older = db.prepare<[{ username: string, take: number, seq: number }], Row>(
    'SELECT seq, post_id, liked_at FROM likes WHERE username = @username AND seq < @seq ORDER BY seq DESC LIMIT @take'
  )
  const top = db.prepare<[number], { post_id: Buffer, likes: number }>('SELECT post_id, likes FROM counts ORDER BY likes DESC, post_id LIMIT ?')
  const ping = db.prepare('SELECT 1')

  const like = db.transaction((postId: Buffer, username: string) => {
    if (insert.run(postId, username, now()).changes === 0) return { outcome: 'already-liked' as const }
    return { outcome: 'liked' as const, likes: countUp.get(postId)!.likes }
  })
  const unlike = db.transaction((postId: Buffer, username: string) => {
    if (remove.run(postId, username).changes === 0) return { outcome: 'not-liked' as const }
    const left = countDown.get(postId)?.likes
    if (left === undefined) dropCount.run(postId)
    return { outcome: 'unliked' as const, likes: left ?? 0 }
  })

  return {
    kind: 'sqlite',
    where: file,
    async like (postId, username) {
      return like.immediate(uuidToBytes(postId), username)
    },
    async unlike (postId, username) {
      return unlike.immediate(uuidToBytes(postId), username)
    },
    async likedAt (postId, username) {
      return likedAt.get(uuidToBytes(postId), username)?.liked_at
    },
    async count (postId) {
      return countOf.get(uuidToBytes(postId))?.likes ?? 0
    },
    async byUser (username, limit, before?: PageKey) {
      // One row more than asked tells whether another page exists without a COUNT.
      const rows = before ? older.all({ username, take: limit + 1, seq: before.seq }) : newest.all({ username, take: limit + 1 })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        posts: page.map((r) => ({ post_id: bytesToUuid(r.post_id), liked_at: r.liked_at })),
        next: rows.length > limit && last ? { at: last.liked_at, seq: last.seq } : null
      }
    },
    async top (limit) {
      return top.all(limit).map((r) => ({ post_id: bytesToUuid(r.post_id), likes: r.likes }))
    },
    async ping () {
      ping.get()
    },
    async close () {
      db.close()
    }
  }
}
