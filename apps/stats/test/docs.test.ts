import { test } from 'tap'
import { testDocs } from '@platform/kit/testing'
import { buildTestApp } from './helper.js'

test('docs and health', async (t) => {
  const app = await buildTestApp(t)
  testDocs(t, app, {
    service: 'stats',
    prefix: '/stats',
    title: 'Wordle statistics',
    operations: [
      ['/stats/users', 'post', ['200', '201', '400', '409', '413', '415', '503']],
      ['/stats/users', 'get', ['200', '400', '404']],
      ['/stats/users/{user_id}', 'get', ['200', '400', '404']],
      ['/stats/games', 'post', ['200', '201', '400', '404', '409', '413', '415', '503']],
      ['/stats/users/{user_id}/games/{game_id}', 'get', ['200', '400', '404']],
      ['/stats/leaderboards/wins', 'get', ['200', '400']],
      ['/stats/leaderboards/streaks', 'get', ['200', '400']]
    ]
  })
})
