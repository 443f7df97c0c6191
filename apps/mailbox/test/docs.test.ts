import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'mailbox',
    prefix: '/mailbox',
    title: 'Mailbox (development SMTP sink)',
    operations: [
      ['/mailbox/messages', 'get', ['200', '400']],
      ['/mailbox/messages', 'delete', ['200']],
      ['/mailbox/messages/{message_id}', 'get', ['200', '400', '404']],
      ['/mailbox/smtp', 'get', ['200']],
      ['/mailbox/inbox', 'get', ['200']]
    ]
  })
})
