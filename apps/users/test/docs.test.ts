import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'users',
    prefix: '/users',
    title: 'User accounts',
    operations: [
      ['/users', 'post', ['201', '400', '409', '413', '415', '503']],
      ['/users/{username}', 'get', ['200', '400', '404']],
      ['/users/{username}', 'patch', ['200', '400', '403', '404', '409', '413', '415']],
      ['/users/{username}', 'delete', ['200', '400', '403', '404']],
      ['/users/{username}/emails', 'post', ['201', '400', '403', '404', '409', '413', '415']],
      ['/users/{username}/emails/{email}', 'delete', ['200', '400', '403', '404']],
      ['/users/sessions', 'post', ['201', '400', '401', '413', '415', '429', '503']],
      ['/users/sessions/current', 'get', ['200', '401']],
      ['/users/{username}/karma/increment', 'post', ['200', '400', '404', '409']],
      ['/users/{username}/karma/decrement', 'post', ['200', '400', '404', '409']]
    ]
  })
})
