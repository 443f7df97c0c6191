import type { Test } from 'tap'
import { startTestCinema, type TestCinema } from '@platform/cinema/testing'
import { CinemaClient } from '../src/client.js'
import { runMenu } from '../src/menu.js'
import { colorsFor } from '../src/render.js'
import { seedCinema } from '../src/seed/seed.js'
import { KEY, Screen } from './screen.js'

/** The four services in this process, loaded with the design's cinema by the seed. */
export async function designCinema (t: Test, extra: { movies?: number } = {}): Promise<TestCinema & { client: CinemaClient }> {
  const cinema = await startTestCinema(t)
  const client = new CinemaClient(cinema.url)
  await seedCinema(client, { movies: extra.movies ?? 0, users: 0, days: 0, bookings: 0, seed: 1 })
  return { ...cinema, client }
}

/** The menu running on a Screen against `client`; `done` resolves when the app has ended. */
export async function startMenu (t: Test, client: CinemaClient) {
  const screen = new Screen()
  const done = runMenu(client, screen, colorsFor(screen.output, {}))
  t.teardown(async () => {
    // A test that failed halfway leaves the app at a question: end its input so it exits.
    screen.input.end()
    await done
  })
  await screen.waitFor('7  Exit')
  /** Picks a menu item and waits for what `expect` says the item shows. */
  const choose = async (key: string, expect: RegExp | string) => {
    screen.press(key)
    return screen.waitFor(expect)
  }
  return { screen, done, choose, KEY }
}
