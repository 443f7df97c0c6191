import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadStatsConfig } from '../src/config.js'

export type App = Awaited<ReturnType<typeof buildApp>>

/** The stats app on a fresh, empty layout in a temporary folder; closed when the test ends. */
export function buildTestApp (t: Test, env: Record<string, string> = {}) {
  return testApp(t, buildApp(loadStatsConfig({ LOG_LEVEL: 'silent', SHARDS_DIR: t.testdir({}), ...env })))
}

export async function createUser (app: App, username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/stats/users', payload: { username } })
  if (res.statusCode !== 201) throw new Error(`creating ${username}: ${res.statusCode} ${res.body}`)
  return res.json().user_id
}

export interface PlayedGame {
  game_id: number
  finished: string
  guesses?: number
  won: boolean
}

export async function postGame (app: App, userId: string, game: PlayedGame) {
  return app.inject({ method: 'POST', url: '/stats/games', payload: { user_id: userId, guesses: 4, ...game } })
}

export async function play (app: App, userId: string, games: PlayedGame[]): Promise<void> {
  for (const game of games) {
    const res = await postGame(app, userId, game)
    if (res.statusCode !== 201) throw new Error(`posting game ${game.game_id}: ${res.statusCode} ${res.body}`)
  }
}

export async function statsOf (app: App, userId: string) {
  const res = await app.inject({ method: 'GET', url: `/stats/users/${userId}` })
  if (res.statusCode !== 200) throw new Error(`stats of ${userId}: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** Wins on each of the given days, one game per day, game ids from `firstId`. */
export function winsOn (days: string[], firstId = 1): PlayedGame[] {
  return days.map((finished, i) => ({ game_id: firstId + i, finished, won: true }))
}
