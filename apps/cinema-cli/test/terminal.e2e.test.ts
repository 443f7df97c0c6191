// The app for real: built with tsc, run with plain node in a tmux terminal against the cinema
// services and the accounts service started as the Procfile starts them behind real Traefik,
// which authenticates every write. Keys go in with send-keys, the screen comes back with
// capture-pane. The seed and the commands run as processes too.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { buildWorkspace, childEnv, testStack } from '@platform/stack/testing'
import { SEED_PASSWORD } from '../src/seed/seed.js'

const APP = fileURLToPath(new URL('..', import.meta.url))
const MAIN = join(APP, 'dist', 'main.js')

if (spawnSync('tmux', ['-V']).status !== 0) {
  t.plan(0, 'tmux is not installed')
  process.exit(0)
}
t.setTimeout(240_000)

// The build the README tells people to run (`pnpm build`): plain JavaScript in the git-ignored dist/.
const build = await buildWorkspace()
t.ok(build.ok, `tsc builds the app: ${build.output}`)

const stack = await testStack(t, { formation: 'cinema-movies=1,cinema-showtimes=1,cinema-users=1,cinema-bookings=1,users=1' })
const env = childEnv({ GATEWAY_URL: stack.baseUrl, NO_COLOR: '1' })

t.test('cinema:seed signs up its accounts and loads the design\'s cinema into the running services; a second run adds nothing', async (t) => {
  const seed = () => spawnSync(process.execPath, ['--import', 'tsx', 'src/seed/main.ts'], { cwd: APP, env, encoding: 'utf8' })
  const first = seed()
  t.equal(first.status, 0, first.stderr)
  t.match(first.stdout, /accounts +5 added, 0 there already/)
  t.match(first.stdout, /movies +7 added, 0 there already/)
  t.match(first.stdout, /bookings +5 added/)
  t.match(first.stdout, `Every account's password: ${SEED_PASSWORD} (the seed's default); staff account: box_office.`)
  const second = seed()
  t.equal(second.status, 0, second.stderr)
  for (const [what, n] of [['accounts', 5], ['movies', 7], ['users', 4], ['showtimes', 4], ['bookings', 5]] as const) {
    t.match(second.stdout, new RegExp(`${what} +0 added, ${n} there already`), `${what}: nothing twice`)
  }
})

t.test('the built app\'s commands: output for scripts, sign-in and exit codes', async (t) => {
  const run = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [MAIN, ...args], { env: { ...env, ...extra }, encoding: 'utf8' })
  const movies = run(['movies', '--json'])
  t.equal(movies.status, 0, movies.stderr)
  t.equal(JSON.parse(movies.stdout).length, 7)
  const spectre = ['book', '--user', 'chris', '--date', '20151130', '--movie', 'Spectre', '--seats', '2']
  const unsigned = run(spectre)
  t.equal(unsigned.status, 4, 'not signed in: exit 4')
  t.match(unsigned.stderr, /^book needs chris's password: --password P or CINEMA_PASSWORD/)
  const wrong = run(spectre, { CINEMA_PASSWORD: 'not-chris-password' })
  t.equal(wrong.status, 4)
  t.equal(wrong.stderr, 'Cannot sign in as chris: wrong password, or no account of that name.\n')
  const book = run(spectre, { CINEMA_PASSWORD: SEED_PASSWORD })
  t.equal(book.status, 0, book.stderr)
  t.match(book.stdout, /^Booked 2 seats for Spectre on Mon 30 Nov 2015 as chris\./)
  const token = run(['signin', '--user', 'chris', '--password', SEED_PASSWORD])
  t.equal(token.status, 0, token.stderr)
  const again = run(spectre, { CINEMA_TOKEN: token.stdout.trim() })
  t.equal(again.status, 1)
  t.equal(again.stderr, 'chris has already booked Spectre on Mon 30 Nov 2015. Cancel that booking to book it again.\n')
  const other = run(['book', '--user', 'peter', '--date', '20151130', '--movie', 'Spectre', '--seats', '1'], { CINEMA_TOKEN: token.stdout.trim() })
  t.equal(other.status, 4, 'chris\'s token for peter')
  t.equal(other.stderr, 'Signed in as chris: you may only book and cancel for yourself.\n')
  const help = run(['--help'])
  t.match(help.stdout, /4 not signed in/)
  const away = run(['users'], { GATEWAY_URL: 'http://127.0.0.1:1' })
  t.equal(away.status, 3)
  t.match(away.stderr, /^Cannot reach the cinema at http:\/\/127\.0\.0\.1:1/)
  t.notMatch(away.stderr, /\n\s*at /, 'no stack trace')
})

t.test('in a terminal: the menu, a movie list, a clear screen, a booking signed in with a masked password, a second one signed in already, exit', async (t) => {
  const socket = `cinema-test-${process.pid}`
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', env })
  t.teardown(() => { tmux('kill-server') })
  const started = tmux('new-session', '-d', '-s', 'cinema', '-x', '130', '-y', '50', `GATEWAY_URL=${stack.baseUrl} node ${MAIN}; echo "[exit code $?]"`)
  t.equal(started.status, 0, started.stderr)
  tmux('set-option', '-t', 'cinema', 'remain-on-exit', 'on')

  const screen = () => tmux('capture-pane', '-p', '-t', 'cinema').stdout
  const keys = (...k: string[]) => tmux('send-keys', '-t', 'cinema', ...k)
  const waitFor = async (pattern: RegExp) => {
    const deadline = Date.now() + 30_000
    for (;;) {
      const shown = screen()
      if (pattern.test(shown)) return shown
      if (Date.now() > deadline) throw new Error(`the terminal never showed ${pattern}; it shows:\n${shown}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  const menu = await waitFor(/7 {2}Exit/)
  t.match(menu, /1 {2}Get movie list\n.*2 {2}Get show times\n.*3 {2}Get bookings info\n.*4 {2}Get user list\n.*5 {2}Book a show\n.*6 {2}Clear screen\n.*7 {2}Exit/)

  keys('1')
  const list = await waitFor(/Victoria[\s\S]*7 {2}Exit/)
  t.match(list, /│ The Good Dinosaur +│ Peter Sohn +│ 7\.4 +│ 720d006c-3a57-4b6a-b18f-9b713b073f3c │/)

  keys('6')
  const cleared = await waitFor(/7 {2}Exit/)
  await new Promise((resolve) => setTimeout(resolve, 300))
  t.notMatch(screen(), /The Good Dinosaur/, 'the movie list is gone from the screen')
  t.match(cleared, /1 {2}Get movie list/)

  keys('5')
  await waitFor(/Who is booking\?/)
  keys('peter', 'Enter')
  await waitFor(/Password of peter/)
  keys('not-peters-password', 'Enter')
  t.match(await waitFor(/Cannot sign in[\s\S]*Password of peter/), /Cannot sign in as peter: wrong password, or no account of that name\./)
  keys(SEED_PASSWORD, 'Enter')
  const signedIn = await waitFor(/Which date\?/)
  t.match(signedIn, /Signed in as peter\./)
  t.notMatch(signedIn, /not-peters-password|popcorn/, 'no password is shown')
  t.match(signedIn, /Password of peter\n│ {2}▪{10,}/, 'only its mask')
  keys('20151202', 'Enter')
  const movies = await waitFor(/which one\?/)
  t.match(movies, /Movies on Wed 2 Dec 2015/)
  t.match(movies, /Jurassic World · 147 of 150 seats left/)
  keys('Down', 'Down', 'Down')
  await waitFor(/● Jurassic World/)
  keys('Enter')
  await waitFor(/How many seats\? \(1 to 10\)/)
  keys('2', 'Enter')
  await waitFor(/Book 2 seats for Jurassic World on Wed 2 Dec 2015 as peter\?/)
  keys('Enter')
  const booked = await waitFor(/Booked 2 seats[\s\S]*7 {2}Exit/)
  t.match(booked, /Booked 2 seats for Jurassic World on Wed 2 Dec 2015\. 145 of 150 seats left\./)

  // The same person again, on a cleared screen: no password asked this time.
  keys('6')
  await new Promise((resolve) => setTimeout(resolve, 300))
  keys('5')
  await waitFor(/Who is booking\?/)
  keys('peter', 'Enter')
  const asked = await waitFor(/Which date\?/)
  t.notMatch(asked, /Password/, 'signed in already')
  keys('20151203', 'Enter')
  await waitFor(/which one\?/)
  keys('Enter')
  await waitFor(/How many seats\?/)
  keys('1', 'Enter')
  await waitFor(/Book 1 seat for The Good Dinosaur on Thu 3 Dec 2015 as peter\?/)
  keys('Enter')
  t.match(await waitFor(/Booked 1 seat[\s\S]*7 {2}Exit/), /Booked 1 seat for The Good Dinosaur on Thu 3 Dec 2015\./)

  t.notMatch(tmux('capture-pane', '-p', '-S', '-', '-t', 'cinema').stdout, /Warning|\n\s+at /, 'no warning or stack trace anywhere in the terminal\'s history')

  keys('7')
  await waitFor(/Goodbye!/)
  // The exit code as the shell saw it: tmux's own #{pane_dead_status} is sometimes left empty
  // (tmux 3.3 marks the pane dead when the terminal closes and may never record the status).
  const ended = await waitFor(/\[exit code \d+\]/)
  t.match(ended, /\[exit code 0\]/, 'the app ended with exit code 0')

  const bookings = await (await fetch(`${stack.baseUrl}/cinema/bookings/peter`)).json() as { bookings: { date: string, seats: number }[] }
  t.match(bookings.bookings, [{ date: '2015-12-03', seats: 1 }, { date: '2015-12-02', seats: 2, movie_id: '276c79ec-a26a-40a6-b3d3-fb242a5947b6' }], 'the cinema has both bookings')
})
