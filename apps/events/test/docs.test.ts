import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'events',
    prefix: '/events',
    title: 'Events',
    operations: [
      ['/events', 'post', ['201', '400', '403', '413', '415']],
      ['/events', 'get', ['200', '400']],
      ['/events/{event_id}', 'get', ['200', '400', '404']],
      ['/events/{event_id}', 'patch', ['200', '400', '403', '404', '413', '415']],
      ['/events/{event_id}', 'delete', ['200', '400', '403', '404']]
    ]
  })
})
