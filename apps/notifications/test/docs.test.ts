import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'notifications',
    prefix: '/notifications',
    title: 'Notifications',
    operations: [
      ['/notifications', 'post', ['201', '400', '403', '404', '413', '415', '503']],
      ['/notifications', 'get', ['200', '400']],
      ['/notifications/{notification_id}', 'get', ['200', '400', '404']],
      ['/notifications/{notification_id}', 'patch', ['200', '400', '403', '404', '409', '413', '415']],
      ['/notifications/{notification_id}', 'delete', ['200', '400', '403', '404']]
    ]
  })
})
