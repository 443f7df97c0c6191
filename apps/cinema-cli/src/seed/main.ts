// pnpm cinema:seed [--movies N] [--users N] [--days N] [--bookings N] [--seed S] [--password P]
import { parseArgs } from 'node:util'
import { CinemaClient } from '../client.js'
import { exitCodeOf, friendly } from '../messages.js'
import { SEED_PASSWORD, SEED_STAFF, seedCinema, SignInFailed, type SeedOptions } from './seed.js'

const usage = `usage: pnpm cinema:seed [--movies N] [--users N] [--days N] [--bookings N] [--seed S] [--password P]
Loads the design's cinema (7 movies, 4 show days, 4 users, 5 bookings) through the gateway at
GATEWAY_URL (default http://127.0.0.1:9999), plus N generated movies, users, show days (from
2015-12-04 on) and bookings. The same --seed (default 2015) generates the same data, so a run
again adds nothing twice.
Writes act as signed-in accounts: movies and show days as the staff account ${SEED_STAFF}, each
user's cinema record and bookings as that user. The seed signs them all up (an account that exists
already is kept) with the password --password, default ${SEED_PASSWORD}: sign in to the cinema
app with it. Exit codes: 0 done, 1 refused, 2 wrong usage, 3 unreachable or failing, 4 a sign-in
failed (an account made with another password).`

const gatewayUrl = (process.env.GATEWAY_URL || 'http://127.0.0.1:9999').replace(/\/+$/, '')
let options: SeedOptions
try {
  const { values } = parseArgs({
    options: {
      movies: { type: 'string', default: '0' },
      users: { type: 'string', default: '0' },
      days: { type: 'string', default: '0' },
      bookings: { type: 'string', default: '0' },
      seed: { type: 'string', default: '2015' },
      password: { type: 'string', default: SEED_PASSWORD },
      help: { type: 'boolean', short: 'h', default: false }
    }
  })
  if (values.help) {
    process.stdout.write(`${usage}\n`)
    process.exit(0)
  }
  const n = (name: keyof typeof values, max: number) => {
    const v = Number(values[name])
    if (!Number.isInteger(v) || v < 0 || v > max) throw new Error(`--${name} must be a whole number from 0 to ${max}`)
    return v
  }
  if (values.password.length < 10) throw new Error('--password needs 10 characters or more (the accounts service\'s rule)')
  options = { movies: n('movies', 100_000), users: n('users', 100_000), days: n('days', 3000), bookings: n('bookings', 1_000_000), seed: n('seed', 2 ** 31), password: values.password }
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${usage}\n`)
  process.exit(2)
}

try {
  const report = await seedCinema(new CinemaClient(gatewayUrl), options)
  for (const [what, t] of Object.entries(report)) process.stdout.write(`${what.padEnd(9)} ${String(t.added).padStart(6)} added, ${t.existing} there already${what === 'bookings' ? ' or refused (sold out, booked already)' : ''}\n`)
  process.stdout.write(`Every account's password: ${options.password === SEED_PASSWORD ? `${SEED_PASSWORD} (the seed's default)` : 'the one given with --password'}; staff account: ${SEED_STAFF}.\n`)
} catch (err) {
  if (err instanceof SignInFailed) {
    process.stderr.write(`cinema:seed: ${friendly(err.cause, gatewayUrl, { username: err.username })} The seed signs in with --password (default ${SEED_PASSWORD}).\n`)
    process.exit(exitCodeOf(err.cause))
  }
  process.stderr.write(`cinema:seed: ${friendly(err, gatewayUrl)}\n`)
  process.exit(exitCodeOf(err))
}
