import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadMessagesConfig } from '../src/config.js'

/** A messages app on a fresh temporary database, closed when the test ends. */
export function buildTestApp (t: Test, env: Record<string, string> = {}) {
  return testApp(t, buildApp(loadMessagesConfig({ LOG_LEVEL: 'silent', BODY_LIMIT: '8192', DATABASE_FILE: join(t.testdir(), 'messages.db'), ...env })))
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

export async function send (app: TestApp, from: string, to: string, contents = `from ${from} to ${to}`) {
  const res = await app.inject({ method: 'POST', url: '/messages', payload: { from, to, contents } })
  if (res.statusCode !== 201) throw new Error(`sending: ${res.statusCode} ${res.body}`)
  return res.json()
}

export const UNKNOWN_ID = '0b6f1c2e-3d4a-4f5b-8c6d-7e8f9a0b1c2d'
