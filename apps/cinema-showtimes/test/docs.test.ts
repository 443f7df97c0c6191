import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'cinema-showtimes',
    prefix: '/cinema/showtimes',
    title: 'Cinema showtimes',
    operations: [
      ['/cinema/showtimes', 'post', ['201', '400', '404', '409', '413', '415', '502', '503']],
      ['/cinema/showtimes', 'get', ['200', '400']],
      ['/cinema/showtimes/{date}', 'get', ['200', '400', '404']],
      ['/cinema/showtimes/{date}', 'put', ['200', '400', '404', '413', '415', '502', '503']],
      ['/cinema/showtimes/{date}', 'delete', ['200', '400', '404']]
    ]
  })
})
