import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadUsersConfig } from '../src/config.js'

/** A users app on a fresh temporary database, closed when the test ends. */
export function buildTestApp (t: Test, env: Record<string, string> = {}) {
  return testApp(t, buildApp(loadUsersConfig({ LOG_LEVEL: 'silent', BODY_LIMIT: '2048', DATABASE_FILE: join(t.testdir(), 'users.db'), ...env })))
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

export async function createUser (app: TestApp, username: string, email = `${username}@example.com`) {
  const res = await app.inject({ method: 'POST', url: '/users', payload: { username, email } })
  if (res.statusCode !== 201) throw new Error(`creating ${username}: ${res.statusCode} ${res.body}`)
  return res.json()
}
