import { join } from 'node:path'
import type { Test } from 'tap'
import { startTestCinema, type TestCinema } from '@platform/cinema/testing'
// The accounts service, imported by path as @platform/cinema/testing imports the cinema's apps.
import { buildApp as buildAccounts, meta as accountsMeta } from '../../users/src/app.js'
import { loadUsersConfig } from '../../users/src/config.js'
import { CinemaClient } from '../src/client.js'
import { runMenu } from '../src/menu.js'
import { colorsFor } from '../src/render.js'
import { SEED_PASSWORD, seedCinema } from '../src/seed/seed.js'
import { startAuthGateway, type AuthGateway } from './auth-gateway.js'
import { KEY, Screen } from './screen.js'

/** The password the seed gives every account (its default). */
export const PASSWORD = SEED_PASSWORD

export type Accounts = Awaited<ReturnType<typeof buildAccounts>>

/** The accounts service on `dir`'s database, signing tokens with `secret`. */
export function accountsApp (dir: string, secret = 'a-cinema-cli-test-secret-of-32-characters') {
  // No load shedding: this process serves the cinema's four apps, the accounts app and two
  // gateways, so its event loop's lag is all of theirs (and the test runner's other jobs'); a
  // sign-in refused as "overloaded" here says nothing about the accounts service.
  return buildAccounts(loadUsersConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: join(dir, 'accounts.db'), JWT_SECRET: secret, SHED_EVENT_LOOP_DELAY_MS: '0' }))
}

export interface DesignCinema extends TestCinema {
  /** The gateway that authenticates writes, as the formation's does (`url` is its address). */
  auth: AuthGateway
  accounts: Accounts
  /** Where the accounts database is (a second accounts app on it: the service restarted). */
  accountsDir: string
  /** A client of the authenticating gateway, as a person's app is. */
  client: CinemaClient
  /** The sign-ins (POST /users/sessions) that reached the accounts service since the last `resetSignIns`, with their statuses. */
  signIns(): string[]
  resetSignIns(): void
}

/**
 * The four cinema services and the accounts service in this process, behind a gateway that
 * authenticates writes, empty. `call` goes past the authentication, as a service's own call on
 * loopback does.
 */
export async function authenticatedCinema (t: Test): Promise<DesignCinema> {
  const cinema = await startTestCinema(t)
  const accountsDir = t.testdir()
  const accounts = await accountsApp(accountsDir)
  t.teardown(() => accounts.close())
  cinema.gateway.mount(accounts)
  const auth = await startAuthGateway(t, cinema.url, accountsMeta.openWrites as string[])
  const client = new CinemaClient(auth.url)
  let from = 0
  const signIns = () => auth.log.slice(from).filter((line) => line.startsWith('POST /users/sessions '))
  const resetSignIns = () => { from = auth.log.length }
  return { ...cinema, url: auth.url, auth, accounts, accountsDir, client, signIns, resetSignIns }
}

/** The same, loaded with the design's cinema by the seed (every account's password: PASSWORD); `signIns` from then on. */
export async function designCinema (t: Test, extra: { movies?: number } = {}): Promise<DesignCinema> {
  const cinema = await authenticatedCinema(t)
  await seedCinema(cinema.client, { movies: extra.movies ?? 0, users: 0, days: 0, bookings: 0, seed: 1 })
  cinema.resetSignIns()
  return cinema
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
  /** Answers the password question of a booking with `password`, and waits for `expect`. */
  const signIn = async (password: string, expect: RegExp | string) => {
    screen.type(password)
    return screen.waitFor(expect)
  }
  return { screen, done, choose, signIn, KEY }
}
