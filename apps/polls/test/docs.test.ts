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
      ['/polls/{item_id}', 'get', ['200', '400', '404']],
      ['/polls/{item_id}', 'delete', ['200', '400', '404']]
    ]
  })
})
