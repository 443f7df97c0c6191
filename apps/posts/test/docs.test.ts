import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'posts',
    prefix: '/posts',
    title: 'Posts',
    operations: [
      ['/posts', 'post', ['201', '400', '403', '413', '415']],
      ['/posts', 'get', ['200', '400']],
      ['/posts/{post_id}', 'get', ['200', '400', '404']],
      ['/posts/{post_id}', 'delete', ['200', '400', '403', '404']]
    ]
  })
})
