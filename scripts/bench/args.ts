import { parseArgs } from 'node:util'

export const usage = `usage: pnpm bench:http [--users 100000] [--games 1000000] [--duration 10] [--warmup 2]
                       [--connections 64] [--ids 2000] [--data DIR] [--only direct|gateway]
Starts, in one run, a bare Fastify hello-world (the ceiling of one process) and the stats service
as the Procfile starts it, on a copy of a populated layout (made with stats:populate into
data/bench/stats-<users>-<games>/ once, reused after), one instance direct and three behind
Traefik; drives each with autocannon and prints req/s, p50, p99 and the ratios.`

export interface BenchOptions {
  users: number
  games: number
  /** Seconds measured per case, after `warmup` seconds of the same load. */
  duration: number
  warmup: number
  connections: number
  /** How many user ids the requests rotate over. */
  ids: number
  /** The populated layout to copy; default data/bench/stats-<users>-<games>. */
  data: string | undefined
  direct: boolean
  gateway: boolean
}

function integer (values: Record<string, unknown>, name: string, fallback: number, min: number): number {
  const value = values[name]
  if (value === undefined) return fallback
  const n = Number(value)
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new Error(`--${name} must be an integer >= ${min}, got ${String(value)}`)
  }
  return n
}

/** The command line as options; throws with a message naming the bad argument. `help` is true for --help. */
export function parseBenchArgs (argv: string[]): BenchOptions & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      users: { type: 'string' },
      games: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      ids: { type: 'string' },
      data: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean' }
    }
  })
  const only = values.only
  if (only !== undefined && only !== 'direct' && only !== 'gateway') throw new Error(`--only must be direct or gateway, got ${only}`)
  const users = integer(values, 'users', 100_000, 1)
  const games = integer(values, 'games', 1_000_000, 0)
  return {
    help: values.help === true,
    users,
    games,
    duration: integer(values, 'duration', 10, 1),
    warmup: integer(values, 'warmup', 2, 0),
    connections: integer(values, 'connections', 64, 1),
    ids: Math.min(users, integer(values, 'ids', 2000, 1)),
    data: values.data,
    direct: only !== 'gateway',
    gateway: only !== 'direct'
  }
}
