import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'cinema-bookings',
    prefix: '/cinema/bookings',
    title: 'Cinema bookings',
    operations: [
      ['/cinema/bookings', 'post', ['201', '400', '403', '413', '415']],
      ['/cinema/bookings', 'get', ['200', '400']],
      ['/cinema/bookings/{item_id}', 'get', ['200', '400', '404']],
      ['/cinema/bookings/{item_id}', 'delete', ['200', '400', '404']]
    ]
  })
})
