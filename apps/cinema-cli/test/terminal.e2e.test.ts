// The app for real: built with tsc, run with plain node in a tmux terminal against the cinema
// services started as the Procfile starts them behind real Traefik. Keys go in with send-keys,
// the screen comes back with capture-pane. The seed and the commands run as processes too.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { childEnv, startTestStack } from '@platform/stack/testing'

const APP = fileURLToPath(new URL('..', import.meta.url))
const MAIN = join(APP, 'dist', 'main.js')

if (spawnSync('tmux', ['-V']).status !== 0) {
  t.plan(0, 'tmux is not installed')
  process.exit(0)
}
t.setTimeout(240_000)

// The build the README tells people to run: plain JavaScript in the git-ignored dist/.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: APP, encoding: 'utf8', env: childEnv() })
t.equal(build.status, 0, `tsc builds the app: ${build.stdout}${build.stderr}`)

const stack = await startTestStack({ formation: 'cinema-movies=1,cinema-showtimes=1,cinema-users=1,cinema-bookings=1' })
t.teardown(async () => {
  if (!t.passing()) t.comment(`stack log:\n${stack.lines.slice(-40).join('\n')}`)
  await stack.stop()
})
const env = childEnv({ GATEWAY_URL: stack.baseUrl, NO_COLOR: '1' })

t.test('cinema:seed loads the design\'s cinema into the running services', async (t) => {
  const seed = spawnSync(process.execPath, ['--import', 'tsx', 'src/seed/main.ts'], { cwd: APP, env, encoding: 'utf8' })
  t.equal(seed.status, 0, seed.stderr)
  t.match(seed.stdout, /movies +7 added, 0 there already/)
  t.match(seed.stdout, /bookings +5 added/)
})

t.test('the built app\'s commands: output for scripts and exit codes', async (t) => {
  const run = (...args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { env, encoding: 'utf8' })
  const movies = run('movies', '--json')
  t.equal(movies.status, 0, movies.stderr)
  t.equal(JSON.parse(movies.stdout).length, 7)
  const book = run('book', '--user', 'chris', '--date', '20151130', '--movie', 'Spectre', '--seats', '2')
  t.equal(book.status, 0, book.stderr)
  t.match(book.stdout, /^Booked 2 seats for Spectre on Mon 30 Nov 2015 as chris\./)
  const again = run('book', '--user', 'chris', '--date', '20151130', '--movie', 'Spectre', '--seats', '2')
  t.equal(again.status, 1)
  t.equal(again.stderr, 'chris has already booked Spectre on Mon 30 Nov 2015. Cancel that booking to book it again.\n')
  const away = spawnSync(process.execPath, [MAIN, 'users'], { env: { ...env, GATEWAY_URL: 'http://127.0.0.1:1' }, encoding: 'utf8' })
  t.equal(away.status, 3)
  t.match(away.stderr, /^Cannot reach the cinema at http:\/\/127\.0\.0\.1:1/)
  t.notMatch(away.stderr, /\n\s*at /, 'no stack trace')
})

t.test('in a terminal: the menu, a movie list, a clear screen, a booking picked from the list, exit', async (t) => {
  const socket = `cinema-test-${process.pid}`
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', env })
  t.teardown(() => { tmux('kill-server') })
  const started = tmux('new-session', '-d', '-s', 'cinema', '-x', '130', '-y', '50', `GATEWAY_URL=${stack.baseUrl} exec node ${MAIN}`)
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
  await waitFor(/Which date\?/)
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

  keys('7')
  await waitFor(/Goodbye!/)
  const deadline = Date.now() + 10_000
  let pane = ''
  while (Date.now() < deadline && !(pane = tmux('display', '-p', '-t', 'cinema', '#{pane_dead} #{pane_dead_status}').stdout.trim()).startsWith('1')) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.equal(pane, '1 0', 'the app ended with exit code 0')

  const bookings = await (await fetch(`${stack.baseUrl}/cinema/bookings/peter`)).json() as { bookings: { date: string, seats: number }[] }
  t.match(bookings.bookings, [{ date: '2015-12-02', seats: 2, movie_id: '276c79ec-a26a-40a6-b3d3-fb242a5947b6' }], 'the cinema has the booking')
})
