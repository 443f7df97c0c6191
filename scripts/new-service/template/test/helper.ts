import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { load__Pascal__Config } from '../src/config.js'

/** A __name__ app on a fresh temporary database, closed when the test ends. */
export function buildTestApp (t: Test, env: Record<string, string> = {}) {
  return testApp(t, buildApp(load__Pascal__Config({ LOG_LEVEL: 'silent', DATABASE_FILE: join(t.testdir(), '__name__.db'), ...env })))
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>
