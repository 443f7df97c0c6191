import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadCinemaBookingsConfig } from '../src/config.js'

/** A cinema-bookings app on a fresh temporary database, closed when the test ends. */
export function buildTestApp (t: Test, env: Record<string, string> = {}) {
  return testApp(t, buildApp(loadCinemaBookingsConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: join(t.testdir(), 'cinema-bookings.db'), ...env })))
}
