import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadEventsConfig } from '../src/config.js'

/** An events app on a fresh temporary database, closed when the test ends. */
export function buildTestApp (t: Test, env: Record<string, string> = {}) {
  return testApp(t, buildApp(loadEventsConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: join(t.testdir(), 'events.db'), ...env })))
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

export const anEvent = (over: Record<string, unknown> = {}) => ({
  title: 'Wordle night',
  description: 'Bring a five-letter word.',
  topic: 'wordle',
  starts_at: '2026-05-01T18:00:00Z',
  ends_at: '2026-05-01T21:00:00Z',
  place: { name: 'Café Lumière', lat: 48.8566, lon: 2.3522 },
  created_by: 'alice',
  ...over
})

export interface EventBody {
  event_id: string
  title: string
  topic: string
  starts_at: string
  ends_at: string | null
  place: { name: string, lat: number, lon: number }
  created_by: string
  created_at: string
  updated_at: string
  distance_km?: number
}

export async function createEvent (app: TestApp, over: Record<string, unknown> = {}): Promise<EventBody> {
  const res = await app.inject({ method: 'POST', url: '/events', payload: anEvent(over) })
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`)
  return res.json()
}
