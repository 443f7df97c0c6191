import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'cinema-movies',
    prefix: '/cinema/movies',
    title: 'Cinema movies',
    operations: [
      ['/cinema/movies', 'post', ['201', '400', '409', '413', '415']],
      ['/cinema/movies', 'get', ['200', '400']],
      ['/cinema/movies/{movie_id}', 'get', ['200', '400', '404']],
      ['/cinema/movies/{movie_id}', 'patch', ['200', '400', '404', '413', '415']],
      ['/cinema/movies/{movie_id}', 'delete', ['200', '400', '404']]
    ]
  })
})
