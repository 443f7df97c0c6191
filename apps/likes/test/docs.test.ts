import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'likes',
    prefix: '/likes',
    title: 'Likes',
    operations: [
      ['/likes', 'post', ['201', '400', '403', '413', '415']],
      ['/likes', 'get', ['200', '400']],
      ['/likes/{item_id}', 'get', ['200', '400', '404']],
      ['/likes/{item_id}', 'delete', ['200', '400', '404']]
    ]
  })
})
