import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { brokerFor, buildMailer } from './helper.js'

test('docs and health', async (t) => {
  const broker = await brokerFor(t, 'mailer-docs')
  const app = await buildMailer(t, broker.namespace, { SMTP_URL: 'smtp://127.0.0.1:1' })
  testDocs(t, app, {
    service: 'mailer',
    prefix: '/mailer',
    title: 'Mailer',
    operations: [
      ['/mailer/status', 'get', ['200']],
      ['/mailer/dead-letters/requeue', 'post', ['200', '400', '503']]
    ]
  })
})
