import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadLikesConfig } from '../src/config.js'
import type { TestRedis } from './redis.js'

/** A likes app on the embedded store, on a fresh temporary database, closed when the test ends. */
export function buildTestApp (t: Test, env: Record<string, string> = {}) {
  return testApp(t, buildApp(loadLikesConfig({ LOG_LEVEL: 'silent', LIKES_STORE: 'sqlite', DATABASE_FILE: join(t.testdir(), 'likes.db'), ...env })))
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

/** A likes app on the Redis store; its own key prefix, so tests sharing one Redis never see each other's likes. */
export function buildRedisTestApp (t: Test, redis: TestRedis, env: Record<string, string> = {}) {
  return testApp(t, buildApp(loadLikesConfig({
    LOG_LEVEL: 'silent',
    LIKES_STORE: 'redis',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `t${randomUUID().slice(0, 8)}:`,
    DATABASE_FILE: join(t.testdir(), 'not-used.db'),
    ...env
  })))
}

export const POST_A = '3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59'

/** A new random post id, lower case as the posts service issues them. */
export const newPostId = () => randomUUID()

export function like (app: TestApp, postId: string, username: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: `/likes/posts/${postId}`, headers, payload: { username } })
}

export function unlike (app: TestApp, postId: string, username: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'DELETE', url: `/likes/posts/${postId}/likers/${username}`, headers })
}

export async function count (app: TestApp, postId: string): Promise<number> {
  const res = await app.inject({ method: 'GET', url: `/likes/posts/${postId}` })
  if (res.statusCode !== 200) throw new Error(`count: ${res.statusCode} ${res.body}`)
  return res.json().likes
}

export const statuses = (answers: { statusCode: number }[]) =>
  answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.statusCode]: (acc[a.statusCode] ?? 0) + 1 }), {})
