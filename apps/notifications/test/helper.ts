import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { tempDir } from '@platform/stack/testing'
import { buildApp as buildEvents } from '@platform/events'
import { loadEventsConfig } from '@platform/events/config'
import { buildApp } from '../src/app.js'
import { loadNotificationsConfig } from '../src/config.js'

/**
 * The events service, listening on a free port in this process: what GATEWAY_URL points at
 * in these tests. Returns its URL and a way to create an event.
 */
export async function startEvents (t: Test) {
  const app = await testApp(t, buildEvents(loadEventsConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: join(tempDir(t, 'events-'), 'events.db') })))
  await app.listen({ host: '127.0.0.1', port: 0 })
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  const createEvent = async (over: Record<string, unknown> = {}) => {
    const res = await app.inject({
      method: 'POST',
      url: '/events',
      payload: {
        title: 'Wordle night',
        description: 'Bring a five-letter word.',
        topic: 'wordle',
        starts_at: '2030-05-01T18:00:00Z',
        place: { name: 'Café Lumière', lat: 48.8566, lon: 2.3522 },
        created_by: 'alice',
        ...over
      }
    })
    return res.json() as { event_id: string, title: string }
  }
  return { app, url, createEvent }
}

/** A notifications app on a fresh database; no broker unless env gives one (AMQP_URL empty). */
export async function buildTestApp (t: Test, env: Record<string, string> = {}) {
  const app = await testApp(t, buildApp(loadNotificationsConfig({
    LOG_LEVEL: 'silent',
    DATABASE_FILE: join(tempDir(t, 'notifications-'), 'notifications.db'),
    AMQP_URL: '',
    GATEWAY_URL: 'http://127.0.0.1:1',
    ...env
  })))
  await app.ready()
  return app
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

export const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString()
