import { Redis, type RedisOptions } from 'ioredis'
import type { FastifyBaseLogger } from 'fastify'
import type { PageKey } from '@platform/kit'
import { storeUnavailable } from './errors.js'
import type { LikesStore } from './store.js'

/**
 * A like in one atomic step (a Lua script runs with nothing else in between): the post's set
 * of likers, the user's likes by time and the ranking change together or not at all, so a
 * count never disagrees with its set. The time is Redis's own clock in microseconds, made
 * strictly increasing across the whole store: it orders a user's likes, with no ties, and
 * is the paging key. The ranking's score is minus the likes, so ZRANGE lists most liked
 * first and equal counts by post id (lexicographic order of the canonical lower-case ids).
 *
 * KEYS: likers of the post, the user's posts, the ranking, the clock. ARGV: username, post id.
 * Returns { likes, stamp }, or { -1, 0 } when the user already likes the post.
 */
const LIKE = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return {-1, 0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local last = tonumber(redis.call('GET', KEYS[4]) or '0')
if now <= last then now = last + 1 end
local stamp = string.format('%.0f', now)
redis.call('SET', KEYS[4], stamp)
redis.call('ZADD', KEYS[2], stamp, ARGV[2])
local likes = redis.call('SCARD', KEYS[1])
redis.call('ZADD', KEYS[3], -likes, ARGV[2])
return {likes, stamp}
`

/** KEYS: likers of the post, the user's posts, the ranking. ARGV: username, post id. Returns the likes left, or -1 when there was no like. */
const UNLIKE = `
if redis.call('SREM', KEYS[1], ARGV[1]) == 0 then return -1 end
redis.call('ZREM', KEYS[2], ARGV[2])
local likes = redis.call('SCARD', KEYS[1])
if likes == 0 then redis.call('ZREM', KEYS[3], ARGV[2]) else redis.call('ZADD', KEYS[3], -likes, ARGV[2]) end
return likes
`

interface LikesRedis extends Redis {
  likesLike (likers: string, posts: string, top: string, clock: string, username: string, postId: string): Promise<[number, string | number]>
  likesUnlike (likers: string, posts: string, top: string, username: string, postId: string): Promise<number>
}

export type RedisTarget = { path: string } | { url: string }

export interface RedisStoreOptions {
  target: RedisTarget
  /** Every key starts with it (`likes:`), so the store can share a Redis. */
  keyPrefix: string
  /** A command Redis does not answer within this fails (a 503), rather than hang the request. */
  commandTimeoutMs: number
  log: FastifyBaseLogger
}

/** A stamp (µs) as the time clients see (ms). */
const toMs = (stamp: string | number) => Math.floor(Number(stamp) / 1000)

export function describeTarget (target: RedisTarget): string {
  if ('path' in target) return `unix:${target.path}`
  const url = new URL(target.url)
  url.password = ''
  url.username = ''
  return url.toString()
}

/**
 * The Redis store, once connected or after `connectWaitMs` (whichever comes first): a service
 * whose Redis is up answers from its first request; one whose Redis is down still starts.
 */
export async function createRedisStore (o: RedisStoreOptions & { connectWaitMs?: number }): Promise<LikesStore> {
  const where = `redis ${describeTarget(o.target)}`
  const options: RedisOptions = {
    // Fail fast while Redis is away (the route answers 503) instead of queueing requests.
    enableOfflineQueue: false,
    // A command in flight when the connection drops fails at once and is never sent again:
    // the client is told 503 and decides, rather than a like being replayed behind its back.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: o.commandTimeoutMs,
    connectTimeout: 2000,
    // Reconnect for ever, at least once a second: the service recovers when Redis is back.
    retryStrategy: (times) => Math.min(times * 100, 1000),
    lazyConnect: false
  }
  const redis = ('path' in o.target ? new Redis({ ...options, path: o.target.path }) : new Redis(o.target.url, options)) as LikesRedis
  redis.defineCommand('likesLike', { numberOfKeys: 4, lua: LIKE })
  redis.defineCommand('likesUnlike', { numberOfKeys: 3, lua: UNLIKE })

  // Log changes of state, not every failed reconnection attempt.
  let up: boolean | undefined
  redis.on('ready', () => {
    if (up !== true) o.log.info({ store: where }, 'likes store connected')
    up = true
  })
  redis.on('error', (err: Error) => {
    if (up !== false) o.log.warn({ store: where, err: err.message }, 'likes store not answering; reconnecting')
    up = false
  })
  redis.on('close', () => {
    if (up === true) o.log.warn({ store: where }, 'likes store connection lost; reconnecting')
    if (up !== undefined) up = false
  })

  if (redis.status !== 'ready') {
    let timer: NodeJS.Timeout | undefined
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, o.connectWaitMs ?? 3000)
      redis.once('ready', resolve)
    })
    clearTimeout(timer)
  }

  const p = o.keyPrefix
  const key = {
    likers: (postId: string) => `${p}post:${postId}:likers`,
    posts: (username: string) => `${p}user:${username}:posts`,
    top: `${p}top`,
    clock: `${p}clock`
  }
  // Whatever Redis answers other than a result (down, timed out, loading, out of memory) is a 503.
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (err) {
      throw storeUnavailable(where, err)
    }
  }

  return {
    kind: 'redis',
    where,
    like: (postId, username) => call(async () => {
      const [likes] = await redis.likesLike(key.likers(postId), key.posts(username), key.top, key.clock, username, postId)
      return likes < 0 ? { outcome: 'already-liked' as const } : { outcome: 'liked' as const, likes }
    }),
    unlike: (postId, username) => call(async () => {
      const likes = await redis.likesUnlike(key.likers(postId), key.posts(username), key.top, username, postId)
      return likes < 0 ? { outcome: 'not-liked' as const } : { outcome: 'unliked' as const, likes }
    }),
    likedAt: (postId, username) => call(async () => {
      const stamp = await redis.zscore(key.posts(username), postId)
      return stamp === null ? undefined : toMs(stamp)
    }),
    count: (postId) => call(() => redis.scard(key.likers(postId))),
    byUser: (username, limit, before?: PageKey) => call(async () => {
      // Newest first, strictly older than the cursor's stamp; one more than asked tells whether a next page exists.
      const flat = await redis.zrange(key.posts(username), before ? `(${before.seq}` : '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, limit + 1, 'WITHSCORES')
      const rows: { post_id: string, stamp: number }[] = []
      for (let i = 0; i < flat.length; i += 2) rows.push({ post_id: flat[i]!, stamp: Number(flat[i + 1]) })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        posts: page.map((r) => ({ post_id: r.post_id, liked_at: toMs(r.stamp) })),
        next: rows.length > limit && last ? { at: toMs(last.stamp), seq: last.stamp } : null
      }
    }),
    top: (limit) => call(async () => {
      const flat = await redis.zrange(key.top, '0', String(limit - 1), 'WITHSCORES')
      const ranked: { post_id: string, likes: number }[] = []
      for (let i = 0; i < flat.length; i += 2) ranked.push({ post_id: flat[i]!, likes: -Number(flat[i + 1]) })
      return ranked
    }),
    ping: async () => {
      await redis.ping()
    },
    close: async () => {
      try {
        await redis.quit()
      } catch {
        redis.disconnect()
      }
    }
  }
}
