import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'messages',
    prefix: '/messages',
    title: 'Messages',
    operations: [
      ['/messages', 'post', ['201', '400', '403', '413', '415']],
      ['/messages', 'get', ['200', '400']],
      ['/messages/{message_id}', 'get', ['200', '400', '404']],
      ['/messages/{message_id}', 'delete', ['200', '400', '403', '404']],
      ['/messages/{message_id}/favorite', 'post', ['200', '400', '403', '404']],
      ['/messages/{message_id}/favorite', 'delete', ['200', '400', '403', '404']]
    ]
  })
})
