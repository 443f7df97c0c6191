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
      ['/cinema/showtimes', 'post', ['201', '400', '403', '413', '415']],
      ['/cinema/showtimes', 'get', ['200', '400']],
      ['/cinema/showtimes/{item_id}', 'get', ['200', '400', '404']],
      ['/cinema/showtimes/{item_id}', 'delete', ['200', '400', '404']]
    ]
  })
})
