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
      ['/likes/posts/{post_id}', 'post', ['201', '400', '403', '409', '413', '415', '503']],
      ['/likes/posts/{post_id}', 'get', ['200', '400', '503']],
      ['/likes/posts/{post_id}/likers/{username}', 'get', ['200', '400', '404', '503']],
      ['/likes/posts/{post_id}/likers/{username}', 'delete', ['200', '400', '403', '404', '503']],
      ['/likes/users/{username}', 'get', ['200', '400', '503']],
      ['/likes/top', 'get', ['200', '400', '503']]
    ]
  })
})
