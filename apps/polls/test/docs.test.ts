import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'polls',
    prefix: '/polls',
    title: 'Polls',
    operations: [
      ['/polls', 'post', ['201', '400', '403', '413', '415']],
      ['/polls', 'get', ['200', '400']],
      ['/polls/{poll_id}', 'get', ['200', '400', '404']],
      ['/polls/{poll_id}/votes', 'post', ['201', '400', '403', '404', '409', '413', '415']],
      ['/polls/{poll_id}/votes/{username}', 'get', ['200', '400', '404']],
      ['/polls/{poll_id}/results', 'get', ['200', '400', '404']]
    ]
  })
})
