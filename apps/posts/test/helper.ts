import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadPostsConfig } from '../src/config.js'

/** A posts app on a fresh temporary database, closed when the test ends. */
export function buildTestApp (t: Test, env: Record<string, string> = {}) {
  return testApp(t, buildApp(loadPostsConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: join(t.testdir(), 'posts.db'), ...env })))
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

export const aPost = (over: Record<string, unknown> = {}) => ({
  title: 'Wordle 1,000 in 3',
  text: 'Started with CRANE, as one does.',
  community: 'wordle',
  username: 'alice',
  ...over
})

export async function createPost (app: TestApp, over: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'POST', url: '/posts', payload: aPost(over) })
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`)
  return res.json() as { post_id: string; created_at: string } & Record<string, unknown>
}
