import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'votes',
    prefix: '/votes',
    title: 'Votes',
    operations: [
      ['/votes/{post_id}/upvotes', 'post', ['201', '400', '403', '409', '413', '415']],
      ['/votes/{post_id}/downvotes', 'post', ['201', '400', '403', '409', '413', '415']],
      ['/votes/{post_id}', 'get', ['200', '400']],
      ['/votes/top', 'get', ['200', '400']],
      ['/votes/sort', 'post', ['200', '400', '413', '415']]
    ]
  })
})
