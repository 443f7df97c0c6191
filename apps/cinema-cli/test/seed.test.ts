import { test } from 'tap'
import { CinemaError } from '../src/client.js'
import { SEED_PASSWORD, SEED_STAFF, seedCinema, SignInFailed } from '../src/seed/seed.js'
import { authenticatedCinema } from './helper.js'

test('cinema:seed › loads the design\'s cinema through the services, signed in as staff and customers; a second run adds nothing twice', async (t) => {
  const { client, auth, call } = await authenticatedCinema(t)
  const none = { movies: 0, users: 0, days: 0, bookings: 0, seed: 1 }
  t.same(await seedCinema(client, none), {
    accounts: { added: 5, existing: 0 },
    movies: { added: 7, existing: 0 },
    users: { added: 4, existing: 0 },
    showtimes: { added: 4, existing: 0 },
    bookings: { added: 5, existing: 0 }
  })
  const titles = (await client.movies({ limit: 100 })).items.map((m) => m.title).sort()
  t.same(titles, ['Creed', 'Jurassic World', 'Spectre', 'The Good Dinosaur', 'The Martian', 'The Night Before', 'Victoria'])
  t.same((await client.showtimes()).items.map((d) => [d.date, d.showings.length]), [['2015-11-30', 3], ['2015-12-01', 4], ['2015-12-02', 4], ['2015-12-03', 2]])
  t.same((await client.users()).items.map((u) => `${u.username}: ${u.name}`), ['chris: Chris Smith', 'dan: Dan Lockhart', 'garret: Garret Heaton', 'peter: Peter Gibbs'])
  t.same(await client.seats('2015-12-01', '267eedb8-0f5d-42d5-8f43-72426b9fb3e6'), { date: '2015-12-01', movie_id: '267eedb8-0f5d-42d5-8f43-72426b9fb3e6', capacity: 100, booked: 5, available: 95 })

  for (const username of [SEED_STAFF, 'chris', 'peter', 'garret', 'dan']) {
    t.match(await client.signIn(username, SEED_PASSWORD), { token: /\./ }, `${username} signs in with the seed's password`)
  }
  t.notOk(auth.log.some((line) => / 40[13]$/.test(line)), 'no write was refused a token or a user')
  t.equal((await call('GET', '/users/chris')).body.email, 'chris@cinema.example.com')

  t.same(await seedCinema(client, none), {
    accounts: { added: 0, existing: 5 },
    movies: { added: 0, existing: 7 },
    users: { added: 0, existing: 4 },
    showtimes: { added: 0, existing: 4 },
    bookings: { added: 0, existing: 5 }
  }, 'the second run finds everything there')
})

test('cinema:seed --password › the accounts\' password; an account that has another one stops the seed, naming it', async (t) => {
  const { client } = await authenticatedCinema(t)
  const password = 'a-matinee-for-everyone'
  const report = await seedCinema(client, { movies: 0, users: 0, days: 0, bookings: 0, seed: 1, password })
  t.same([report.accounts.added, report.bookings.added], [5, 5])
  t.match(await client.signIn('dan', password), { token: /\./ })
  await t.rejects(client.signIn('dan', SEED_PASSWORD), { code: 'USERS_BAD_CREDENTIALS' })

  // The same formation seeded again with the default password: the accounts exist with another one.
  const failed = await seedCinema(client, { movies: 0, users: 0, days: 0, bookings: 0, seed: 1 }).catch((err: unknown) => err)
  t.ok(failed instanceof SignInFailed, 'a SignInFailed')
  t.equal((failed as SignInFailed).username, SEED_STAFF, 'naming the account')
  t.ok((failed as SignInFailed).cause instanceof CinemaError)
  t.match((failed as SignInFailed).cause, { status: 401, code: 'USERS_BAD_CREDENTIALS' })
})

test('cinema:seed --movies --users --days --bookings › a generated cinema around the design\'s, the same for the same seed', async (t) => {
  const { client } = await authenticatedCinema(t)
  const options = { movies: 40, users: 30, days: 10, bookings: 100, seed: 7 }
  const report = await seedCinema(client, options)
  t.same([report.accounts.added, report.movies.added, report.users.added, report.showtimes.added], [35, 47, 34, 14])
  t.equal(report.bookings.added + report.bookings.existing, 105, 'every booking drawn was made or refused with a 409')
  t.ok(report.bookings.added >= 80, `most bookings were made (${report.bookings.added})`)
  const days = await client.all((after) => client.showtimes({ limit: 100, after }))
  t.equal(days.at(-1)!.date, '2015-12-13', 'generated days follow the design\'s')
  t.ok(days.filter((d) => d.date > '2015-12-03').every((d) => d.showings.length >= 2 && d.showings.every((s) => s.capacity >= 50 && s.capacity <= 200)), 'each generated day shows 2 or more movies of 50..200 seats')

  const again = await seedCinema(client, options)
  t.same([again.accounts.added, again.movies.added, again.users.added, again.showtimes.added], [0, 0, 0, 0], 'the same seed makes the same rows: nothing added twice')
  t.equal(again.accounts.existing, 35)
})
