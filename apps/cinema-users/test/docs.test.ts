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
      ['/cinema/users', 'post', ['201', '400', '403', '413', '415']],
      ['/cinema/users', 'get', ['200', '400']],
      ['/cinema/users/{item_id}', 'get', ['200', '400', '404']],
      ['/cinema/users/{item_id}', 'delete', ['200', '400', '404']]
    ]
  })
})
