import { join } from 'node:path'
import type { Test } from 'tap'
import { buildApp, loadUsersConfig } from '../src/app.js'

/** A users app on a fresh temporary database, closed when the test ends. */
export async function buildTestApp(t: Test, file?: string) {
  const DATABASE_FILE = file ?? join(t.testdir(), 'users.db')
  const app = await buildApp(loadUsersConfig({ LOG_LEVEL: 'silent', BODY_LIMIT: '2048', DATABASE_FILE }))
  t.teardown(() => app.close())
  return app
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

export async function createUser(app: TestApp, username: string, email = `${username}@example.com`) {
  const res = await app.inject({ method: 'POST', url: '/users', payload: { username, email } })
  if (res.statusCode !== 201) throw new Error(`creating ${username}: ${res.statusCode} ${res.body}`)
  return res.json()
}
