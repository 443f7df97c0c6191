import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadUsersConfig } from '../src/config.js'

/** A users app on a fresh temporary database, closed when the test ends. */
export function buildTestApp (t: Test, env: Record<string, string> = {}) {
  return testApp(t, buildApp(loadUsersConfig({ LOG_LEVEL: 'silent', BODY_LIMIT: '2048', AMQP_URL: '', DATABASE_FILE: join(t.testdir(), 'users.db'), JWT_SECRET: 'a-test-secret-of-at-least-32-characters', ...env })))
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

/** A password good enough for sign-up: long, not common, not the name. */
export const PASSWORD = 'plum-cobalt-harbour-42'

export async function createUser (app: TestApp, username: string, email = `${username}@example.com`) {
  const res = await app.inject({ method: 'POST', url: '/users', payload: { username, email, password: PASSWORD } })
  if (res.statusCode !== 201) throw new Error(`creating ${username}: ${res.statusCode} ${res.body}`)
  return res.json()
}
