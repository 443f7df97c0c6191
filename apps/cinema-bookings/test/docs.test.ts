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
      ['/cinema/bookings', 'post', ['201', '400', '403', '404', '409', '413', '415', '502', '503']],
      ['/cinema/bookings', 'get', ['200', '400']],
      ['/cinema/bookings/{username}', 'get', ['200', '400', '404', '502', '503']],
      ['/cinema/bookings/{username}/{booking_id}', 'get', ['200', '400', '404']],
      ['/cinema/bookings/{username}/{booking_id}', 'delete', ['200', '400', '403', '404']],
      ['/cinema/bookings/showings/{date}/{movie_id}', 'get', ['200', '400', '404', '502', '503']]
    ]
  })
})
