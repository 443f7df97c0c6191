import { test } from 'tap'
import { CinemaClient } from '../src/client.js'
import { accountsApp, designCinema, PASSWORD, startMenu } from './helper.js'
import { KEY } from './screen.js'

// The menu's list of items is only drawn when it waits for a choice: the app is back at the menu.
const MENU_BACK = '7  Exit'
// A stack frame or an error's class name: what a person must never see.
const STACK = /\n\s*at \S+.*:\d+:\d+|\w*Error:/
const MENU_LINES = ['1  Get movie list', '2  Get show times', '3  Get bookings info', '4  Get user list', '5  Book a show', '6  Clear screen', '7  Exit']

test('the menu shows the design\'s seven items, in its order, and 7 exits', async (t) => {
  const { client } = await designCinema(t)
  const { screen, done } = await startMenu(t, client)
  const shown = screen.text
  let at = -1
  for (const line of MENU_LINES) {
    const i = shown.indexOf(line)
    t.ok(i > at, `"${line}" follows the one before`)
    at = i
  }
  screen.press('7')
  await screen.waitFor('Goodbye!')
  await done
  t.pass('the app ended')
})

test('1 Get movie list: the catalogue as a table, alphabetically, then the menu again', async (t) => {
  const { client } = await designCinema(t)
  const { screen, choose } = await startMenu(t, client)
  const shown = await choose('1', MENU_BACK)
  for (const [title, director, rating] of [['Creed', 'Ryan Coogler', '8.8'], ['Jurassic World', 'Colin Trevorrow', '7.0'], ['The Good Dinosaur', 'Peter Sohn', '7.4']]) {
    t.match(shown, new RegExp(`│ ${title} +│ ${director} +│ ${rating} `), `${title} with its director and rating`)
  }
  const titles = [...shown.matchAll(/^│ ([A-Z][^│]+?) +│/gm)].map((m) => m[1]).filter((x) => x !== 'Title')
  t.same(titles, ['Creed', 'Jurassic World', 'Spectre', 'The Good Dinosaur', 'The Martian', 'The Night Before', 'Victoria'])
  t.notMatch(shown, /Show more/, 'one page holds them all')
  t.ok(screen.recent.lastIndexOf('Choose an option') > screen.recent.indexOf('Victoria'), 'the menu comes back after the table')
})

test('1 Get movie list: a bigger catalogue comes a page at a time, "Show more?" asks for the next', async (t) => {
  const { client } = await designCinema(t, { movies: 25 })
  const { screen, choose } = await startMenu(t, client)
  const first = await choose('1', 'Show more movies?')
  t.equal((first.match(/^│ \S.*│ \d+\.\d +│/gm) ?? []).length, 20, 'twenty movies on the first page')
  screen.press(KEY.enter)
  const second = await screen.waitFor(MENU_BACK)
  t.equal((second.match(/^│ \S.*│ \d+\.\d +│/gm) ?? []).length, 12, 'the other twelve on the second')
  t.match(second, /│ Creed /, 'the design\'s movies were added first, so they come last')
})

test('2 Get show times: each day with its movies and seats', async (t) => {
  const { client } = await designCinema(t)
  const { choose } = await startMenu(t, client)
  const shown = await choose('2', MENU_BACK)
  for (const day of ['Mon 30 Nov 2015', 'Tue 1 Dec 2015', 'Wed 2 Dec 2015', 'Thu 3 Dec 2015']) t.match(shown, day)
  t.match(shown, /Tue 1 Dec 2015 +│ Creed \(100\)/)
  t.match(shown, /20151201 +│ Victoria \(40\)/, 'the design\'s date form under each day')
  t.match(shown, /Jurassic World \(150\)/)
})

test('3 Get bookings info: a user\'s bookings with their movies; an unknown user is said so', async (t) => {
  const { client } = await designCinema(t)
  const { screen, choose } = await startMenu(t, client)
  await choose('3', 'Whose bookings?')
  screen.type('dan')
  const shown = await screen.waitFor(MENU_BACK)
  t.match(shown, 'Bookings of Dan Lockhart (dan)')
  t.match(shown, /Tue 1 Dec 2015 +│ Creed +│ 2 +│ [0-9a-f-]{36}/)
  t.match(shown, /Tue 1 Dec 2015 +│ Victoria +│ 2 +│/)

  await choose('3', 'Whose bookings?')
  screen.type('peter')
  t.match(await screen.waitFor(MENU_BACK), 'Peter Gibbs (peter) has no bookings.')
  await choose('3', 'Whose bookings?')
  screen.type('nobody')
  t.match(await screen.waitFor(MENU_BACK), 'There is no user "nobody".')
})

test('4 Get user list: usernames and names', async (t) => {
  const { client } = await designCinema(t)
  const { choose } = await startMenu(t, client)
  const shown = await choose('4', MENU_BACK)
  const rows = [...shown.matchAll(/^│ (\S+) +│ ([^│]+?) +│$/gm)].map((m) => [m[1], m[2]])
  t.same(rows, [['Username', 'Name'], ['chris', 'Chris Smith'], ['dan', 'Dan Lockhart'], ['garret', 'Garret Heaton'], ['peter', 'Peter Gibbs']])
})

test('5 Book a show: username, password, date, a movie picked from the day\'s list, seats, confirm; the booking is made', async (t) => {
  const { client, call } = await designCinema(t)
  const { screen, choose, signIn } = await startMenu(t, client)
  await choose('5', 'Who is booking?')
  screen.type('peter')
  await screen.waitFor('Password of peter')
  t.match(await signIn(PASSWORD, 'Which date?'), 'Signed in as peter.')
  t.notMatch(screen.text, PASSWORD, 'the password is never shown')
  screen.type('20151202')
  const list = await screen.waitFor('which one?')
  t.match(list, 'Movies on Wed 2 Dec 2015')
  t.match(list, /The Martian · 80 of 80 seats left/)
  t.match(list, /Jurassic World · 147 of 150 seats left/, 'seats left after the seed\'s booking')
  screen.press(KEY.down, KEY.down, KEY.down)
  await screen.waitFor(/Colin Trevorrow, 7\.0\/10/)
  screen.press(KEY.enter)
  await screen.waitFor('How many seats? (1 to 10)')
  screen.type('3')
  t.match(await screen.waitFor('as peter?'), 'Book 3 seats for Jurassic World on Wed 2 Dec 2015 as peter?')
  screen.press(KEY.enter)
  const done = await screen.waitFor(MENU_BACK)
  t.match(done, /Booked 3 seats for Jurassic World on Wed 2 Dec 2015\. 144 of 150 seats left\.\s+│\s+Booking [0-9a-f-]{36}/)

  const bookings = (await call('GET', '/cinema/bookings/peter')).body.bookings
  t.match(bookings, [{ username: 'peter', date: '2015-12-02', movie_id: '276c79ec-a26a-40a6-b3d3-fb242a5947b6', seats: 3 }], 'the cinema has it')
})

test('5 Book a show: an unknown user or a day without shows is said so and asked again; "No" books nothing', async (t) => {
  const { client, call } = await designCinema(t)
  const { screen, choose, signIn } = await startMenu(t, client)
  await choose('5', 'Who is booking?')
  screen.type('nobody')
  const again = await screen.waitFor(/Who is booking\?[\s\S]*Who is booking\?/)
  t.match(again, 'There is no user "nobody".')
  screen.type('chris')
  await screen.waitFor('Password of chris')
  await signIn(PASSWORD, 'Which date?')
  screen.type('20151224')
  t.match(await screen.waitFor(/There are no shows on Thu 24 Dec 2015\.[\s\S]*Which date\?/), 'Thu 24 Dec 2015')
  screen.type('20151332')
  t.match(await screen.waitFor(/not a date the cinema knows[\s\S]*Which date\?/), '"20151332" is not a date the cinema knows. Use YYYYMMDD (20151201) or YYYY-MM-DD.')
  screen.type('2015-12-03')
  await screen.waitFor('which one?')
  screen.press(KEY.enter)
  await screen.waitFor('How many seats?')
  screen.type('11')
  t.match(await screen.waitFor('A whole number from 1 to 10'), 'A whole number from 1 to 10', 'no more seats than one booking may take')
  screen.press('\x7f', '\x7f', '1', KEY.enter)
  await screen.waitFor('Book 1 seat for The Good Dinosaur on Thu 3 Dec 2015 as chris?')
  screen.press(KEY.down, KEY.enter)
  t.match(await screen.waitFor(MENU_BACK), 'Nothing booked.')
  t.same((await call('GET', '/cinema/bookings/chris')).body.bookings.length, 1, 'only the seed\'s booking')
})

test('5 Book a show: a sold-out showing cannot be picked, and seats gone while deciding are a friendly refusal', async (t) => {
  const cinema = await designCinema(t)
  const { client, call } = cinema
  // Victoria on 2015-12-01: 40 seats, 2 booked by dan. Take all but 3, and all of The Martian.
  await call('PUT', '/cinema/showtimes/20151201', {
    showings: [
      { movie_id: '267eedb8-0f5d-42d5-8f43-72426b9fb3e6', capacity: 100 },
      { movie_id: '7daf7208-be4d-4944-a3ae-c1c2f516f3e6', capacity: 5 },
      { movie_id: 'a8034f44-aee4-44cf-b32c-74cf452aaaae', capacity: 1 }
    ]
  })
  await call('POST', '/cinema/bookings', { username: 'garret', date: '20151201', movie_id: 'a8034f44-aee4-44cf-b32c-74cf452aaaae', seats: 1 })
  const { screen, choose, signIn } = await startMenu(t, client)
  await choose('5', 'Who is booking?')
  screen.type('peter')
  await signIn(PASSWORD, 'Which date?')
  screen.type('20151201')
  const list = await screen.waitFor('which one?')
  t.match(list, /Victoria · 3 of 5 seats left/)
  t.match(list, /The Martian · sold out/)
  screen.press(KEY.down, KEY.enter)
  await screen.waitFor('How many seats? (1 to 3)')
  screen.type('3')
  await screen.waitFor('Book 3 seats for Victoria')
  // Someone else is quicker.
  t.equal((await call('POST', '/cinema/bookings', { username: 'chris', date: '20151201', movie_id: '7daf7208-be4d-4944-a3ae-c1c2f516f3e6', seats: 2 })).status, 201)
  screen.press(KEY.enter)
  const refused = await screen.waitFor(MENU_BACK)
  t.match(refused, 'Not enough seats: only 1 left for Victoria on Tue 1 Dec 2015.')
  t.notMatch(refused, STACK, 'no stack trace')
})

test('5 Book a show: booking a showing twice is said so in words', async (t) => {
  const { client } = await designCinema(t)
  const { screen, choose, signIn } = await startMenu(t, client)
  await choose('5', 'Who is booking?')
  screen.type('chris')
  await screen.waitFor('Password of chris')
  await signIn(PASSWORD, 'Which date?')
  screen.type('20151201')
  await screen.waitFor('which one?')
  screen.press(KEY.enter) // Creed, which chris has booked (the seed)
  await screen.waitFor('How many seats?')
  screen.type('1')
  await screen.waitFor('Book 1 seat for Creed')
  screen.press(KEY.enter)
  t.match(await screen.waitFor(MENU_BACK), 'chris has already booked Creed on Tue 1 Dec 2015. Cancel that booking to book it again.')
})

test('5 Book a show: a wrong password is said so and asked again, never shown; too many wrong ones end the booking', async (t) => {
  const { client, signIns } = await designCinema(t)
  const { screen, choose, signIn } = await startMenu(t, client)
  await choose('5', 'Who is booking?')
  screen.type('peter')
  await screen.waitFor('Password of peter')
  const wrong = await signIn('not-peters-password', /Cannot sign in[\s\S]*Password of peter/)
  t.match(wrong, 'Cannot sign in as peter: wrong password, or no account of that name.')
  t.notMatch(wrong, STACK, 'no stack trace')
  await signIn(PASSWORD, 'Which date?')
  t.notMatch(screen.text, /not-peters-password/, 'no password typed is shown')
  screen.press(KEY.ctrlC)
  await screen.waitFor(MENU_BACK)
  t.same(signIns(), ['POST /users/sessions 401', 'POST /users/sessions 201'])

  // Five failures within a minute: the accounts service stops checking garret's password for a while.
  await choose('5', 'Who is booking?')
  screen.type('garret')
  for (let i = 1; i <= 5; i++) await signIn(`wrong-password-${i}`, /Cannot sign in as garret[\s\S]*Password of garret/)
  const throttled = await signIn(PASSWORD, MENU_BACK)
  t.match(throttled, 'Too many failed sign-ins for garret: wait a minute, then try again.')
  t.notMatch(throttled, 'Which date?', 'the booking ends: back to the menu')
  t.notMatch(throttled, STACK, 'no stack trace')
})

test('5 Book a show: one sign-in per person for the run of the app; Ctrl-C at the password goes back to the menu', async (t) => {
  const { client, call, signIns } = await designCinema(t)
  // A long session asks many questions: none may leave Node a warning to print on the screen.
  const warnings: string[] = []
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`)
  process.on('warning', onWarning)
  t.teardown(() => { process.off('warning', onWarning) })
  const { screen, choose, signIn } = await startMenu(t, client)
  const book = async (username: string, date: string, password?: string) => {
    await choose('5', 'Who is booking?')
    screen.type(username)
    const next = await screen.waitFor(/Password of|Which date\?/)
    if (password !== undefined) {
      t.match(next, `Password of ${username}`, `${username} is asked the password`)
      await signIn(password, 'Which date?')
    } else t.notMatch(next, 'Password of', `${username} is not asked again`)
    screen.type(date)
    await screen.waitFor('which one?')
    screen.press(KEY.enter)
    await screen.waitFor('How many seats?')
    screen.type('1')
    await screen.waitFor(`as ${username}?`)
    screen.press(KEY.enter)
    return screen.waitFor(MENU_BACK)
  }
  t.match(await book('peter', '20151130', PASSWORD), 'Booked 1 seat for The Good Dinosaur on Mon 30 Nov 2015.')
  t.match(await book('peter', '20151201', undefined), 'Booked 1 seat for Creed on Tue 1 Dec 2015.')
  t.match(await book('peter', '20151202', undefined), 'Booked 1 seat for The Martian on Wed 2 Dec 2015.')
  t.equal(signIns().length, 1, 'peter signed in once')

  await choose('5', 'Who is booking?')
  screen.type('chris')
  await screen.waitFor('Password of chris')
  screen.press(KEY.ctrlC)
  t.match(await screen.waitFor(MENU_BACK), 'Cancelled.')
  t.match(await book('chris', '20151130', PASSWORD), 'Booked 1 seat for The Good Dinosaur on Mon 30 Nov 2015.', 'another person signs in')
  t.same(signIns(), ['POST /users/sessions 201', 'POST /users/sessions 201'])
  t.same((await call('GET', '/cinema/bookings/peter')).body.bookings.map((b: { date: string }) => b.date).sort(), ['2015-11-30', '2015-12-01', '2015-12-02'])
  t.same(warnings, [], 'no warning')
})

test('5 Book a show: a kept sign-in the platform no longer takes (its key changed) asks the password again and books', async (t) => {
  const cinema = await designCinema(t)
  const { screen, choose, signIn } = await startMenu(t, cinema.client)
  await choose('5', 'Who is booking?')
  screen.type('dan')
  await signIn(PASSWORD, 'Which date?')
  screen.press(KEY.ctrlC)
  await screen.waitFor(MENU_BACK)

  // The accounts service comes back with another signing key: every token given before is refused.
  const restarted = await accountsApp(cinema.accountsDir, 'another-signing-key-of-at-least-32-chars')
  t.teardown(() => restarted.close())
  cinema.gateway.mount(restarted)
  await choose('5', 'Who is booking?')
  screen.type('dan')
  await screen.waitFor('Which date?')
  screen.type('20151203')
  await screen.waitFor('which one?')
  screen.press(KEY.enter)
  await screen.waitFor('How many seats?')
  screen.type('2')
  await screen.waitFor('as dan?')
  screen.press(KEY.enter)
  t.match(await screen.waitFor('Password of dan'), 'The sign-in token is not valid on this platform: sign in again.')
  t.match(await signIn(PASSWORD, MENU_BACK), 'Booked 2 seats for The Good Dinosaur on Thu 3 Dec 2015.')
  t.same(cinema.signIns(), ['POST /users/sessions 201', 'POST /users/sessions 201'])
})

test('6 Clear screen: the terminal is cleared and the menu shown again', async (t) => {
  const { client } = await designCinema(t)
  const { screen, choose } = await startMenu(t, client)
  await choose('6', MENU_BACK)
  t.ok(screen.rawText.includes('\x1b[2J'), 'the clear-screen code was written')
  t.match(screen.recent, '1  Get movie list')
})

test('Esc or Ctrl-C at a question goes back to the menu; at the menu it ends the app', async (t) => {
  const { client } = await designCinema(t)
  const { screen, choose, done } = await startMenu(t, client)
  await choose('5', 'Who is booking?')
  screen.press(KEY.ctrlC)
  t.match(await screen.waitFor(MENU_BACK), 'Cancelled.')
  await choose('5', 'Who is booking?')
  screen.type('chris')
  await screen.waitFor('Password of chris')
  screen.press(KEY.esc)
  t.match(await screen.waitFor(MENU_BACK), 'Cancelled.')
  screen.press(KEY.ctrlC)
  await screen.waitFor('Goodbye!')
  await done
})

test('the cinema away: the gateway unreachable or a service down is a sentence, never a stack trace', async (t) => {
  const cinema = await designCinema(t)
  const dead = new CinemaClient('http://127.0.0.1:1')
  const offline = await startMenu(t, dead)
  const unreachable = await offline.choose('1', MENU_BACK)
  t.match(unreachable, 'Cannot reach the cinema at http://127.0.0.1:1 (connection failed). Is the platform running? Start it with: pnpm start')
  t.notMatch(unreachable, STACK, 'no stack trace')

  cinema.gateway.unmount(cinema.bookings)
  const { screen, choose, signIn } = await startMenu(t, cinema.client)
  await choose('3', 'Whose bookings?')
  screen.type('dan')
  t.match(await screen.waitFor(MENU_BACK), "The cinema's bookings service is not available right now. Try again in a moment.")
  await choose('5', 'Who is booking?')
  screen.type('dan')
  await signIn(PASSWORD, 'Which date?')
  screen.type('20151201')
  t.match(await screen.waitFor(MENU_BACK), "The cinema's bookings service is not available right now.")

  cinema.gateway.unmount(cinema.accounts)
  await choose('5', 'Who is booking?')
  screen.type('garret')
  const noAccounts = await signIn(PASSWORD, MENU_BACK)
  t.match(noAccounts, "The platform's accounts service is not available right now. Try again in a moment.")
  t.notMatch(noAccounts, STACK, 'no stack trace')
})

test('the input ending (a closed pipe) ends the app', async (t) => {
  const { client } = await designCinema(t)
  const { screen, done } = await startMenu(t, client)
  screen.input.end()
  await done
  t.match(screen.text, 'Goodbye!')
})
