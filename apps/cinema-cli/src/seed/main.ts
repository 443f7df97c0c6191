// pnpm cinema:seed [--movies N] [--users N] [--days N] [--bookings N] [--seed S]
import { parseArgs } from 'node:util'
import { CinemaClient } from '../client.js'
import { exitCodeOf, friendly } from '../messages.js'
import { seedCinema, type SeedOptions } from './seed.js'

const usage = `usage: pnpm cinema:seed [--movies N] [--users N] [--days N] [--bookings N] [--seed S]
Loads the design's cinema (7 movies, 4 show days, 4 users, 5 bookings) through the gateway at
GATEWAY_URL (default http://127.0.0.1:9999), plus N generated movies, users, show days (from
2015-12-04 on) and bookings. The same --seed (default 2015) generates the same data, so a run
again adds nothing twice.`

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
  options = { movies: n('movies', 100_000), users: n('users', 100_000), days: n('days', 3000), bookings: n('bookings', 1_000_000), seed: n('seed', 2 ** 31) }
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${usage}\n`)
  process.exit(2)
}

try {
  const report = await seedCinema(new CinemaClient(gatewayUrl), options)
  for (const [what, t] of Object.entries(report)) process.stdout.write(`${what.padEnd(9)} ${String(t.added).padStart(6)} added, ${t.existing} there already${what === 'bookings' ? ' or refused (sold out, booked already)' : ''}\n`)
} catch (err) {
  process.stderr.write(`cinema:seed: ${friendly(err, gatewayUrl)}\n`)
  process.exit(exitCodeOf(err))
}
