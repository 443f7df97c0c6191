import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadPollsConfig } from '../src/config.js'

/** A polls app on a fresh temporary database, closed when the test ends. */
export function buildTestApp (t: Test, env: Record<string, string> = {}) {
  return testApp(t, buildApp(loadPollsConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: join(t.testdir(), 'polls.db'), ...env })))
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
export const UNKNOWN_POLL = '3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59'

export const aPoll = (over: Record<string, unknown> = {}) => ({
  title: 'Best first word?',
  username: 'alice',
  responses: ['CRANE', 'SLATE', 'ADIEU'],
  ...over
})

export interface PollBody {
  poll_id: string
  title: string
  username: string
  responses: string[]
  created_at: string
}

export async function createPoll (app: TestApp, over: Record<string, unknown> = {}): Promise<PollBody> {
  const res = await app.inject({ method: 'POST', url: '/polls', payload: aPoll(over) })
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`)
  return res.json()
}

export function vote (app: TestApp, pollId: string, username: string, choice: string) {
  return app.inject({ method: 'POST', url: `/polls/${pollId}/votes`, payload: { username, choice } })
}
