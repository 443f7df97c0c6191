import type { PageKey } from '@platform/kit'

/**
 * What the likes service needs from a store. Two implement it, Redis (redis-store.ts) and
 * SQLite (sqlite-store.ts), and one contract test suite runs the service against both.
 * Post ids come in canonical lower case; every write is one atomic step.
 */
export interface LikesStore {
  /** `redis` or `sqlite`, and where: for logs and readiness. */
  readonly kind: 'redis' | 'sqlite'
  readonly where: string
  /** The like is recorded and counted at once, or it existed already and nothing changes. */
  like (postId: string, username: string): Promise<{ outcome: 'liked', likes: number } | { outcome: 'already-liked' }>
  /** The like is removed and uncounted at once, or there was none. */
  unlike (postId: string, username: string): Promise<{ outcome: 'unliked', likes: number } | { outcome: 'not-liked' }>
  /** When the user liked the post (ms since the epoch), if they do. */
  likedAt (postId: string, username: string): Promise<number | undefined>
  count (postId: string): Promise<number>
  /** The posts a user likes, newest like first, after `before`. */
  byUser (username: string, limit: number, before?: PageKey): Promise<{ posts: { post_id: string, liked_at: number }[], next: PageKey | null }>
  /** Most liked first, ties by post id; posts nobody likes are not ranked. */
  top (limit: number): Promise<{ post_id: string, likes: number }[]>
  /** Throws when the store does not answer. */
  ping (): Promise<void>
  close (): Promise<void>
}
