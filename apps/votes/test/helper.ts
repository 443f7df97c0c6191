import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadVotesConfig } from '../src/config.js'

/** A votes app on a fresh temporary database, closed when the test ends. */
export function buildTestApp (t: Test, env: Record<string, string> = {}) {
  return testApp(t, buildApp(loadVotesConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: join(t.testdir(), 'votes.db'), ...env })))
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

export const POST_A = '0b6f1c2e-3d4a-4f5b-8c6d-7e8f9a0b1c2d'
export const POST_B = '1c7a2d3f-4e5b-4a6c-9d7e-8f9a0b1c2d3e'
export const POST_C = '2d8b3e4a-5f6c-4b7d-8e8f-9a0b1c2d3e4f'

export function vote (app: TestApp, postId: string, direction: 'up' | 'down', body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: `/votes/${postId}/${direction}votes`, payload: body })
}

export async function tally (app: TestApp, postId: string) {
  return (await app.inject({ method: 'GET', url: `/votes/${postId}` })).json()
}
