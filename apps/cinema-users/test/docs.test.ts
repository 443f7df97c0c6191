import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'cinema-users',
    prefix: '/cinema/users',
    title: 'Cinema users',
    operations: [
      ['/cinema/users', 'post', ['201', '400', '403', '409', '413', '415']],
      ['/cinema/users', 'get', ['200', '400']],
      ['/cinema/users/{username}', 'get', ['200', '400', '404']],
      ['/cinema/users/{username}/bookings', 'get', ['200', '400', '404', '502', '503']]
    ]
  })
})
