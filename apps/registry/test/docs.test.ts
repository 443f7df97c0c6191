import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'registry',
    prefix: '/registry',
    title: 'Service registry',
    operations: [
      ['/registry/instances', 'post', ['200', '201', '400', '409', '413', '415']],
      ['/registry/instances', 'get', ['200', '400']],
      ['/registry/instances/{instance_id}', 'delete', ['200', '400', '404']],
      ['/registry/health', 'get', ['200', '400', '404']],
      ['/registry/traefik', 'get', ['200']]
    ]
  })
})
