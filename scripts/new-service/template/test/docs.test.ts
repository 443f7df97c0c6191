import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: '__name__',
    prefix: '__prefix__',
    title: '__Title__',
    operations: [
      ['__prefix__', 'post', ['201', '400', '403', '413', '415']],
      ['__prefix__', 'get', ['200', '400']],
      ['__prefix__/{item_id}', 'get', ['200', '400', '404']],
      ['__prefix__/{item_id}', 'delete', ['200', '400', '404']]
    ]
  })
})
