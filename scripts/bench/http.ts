// pnpm bench:http: the stats service against the Fastify ceiling, in one run (see args.ts).
import { readFileSync, rmSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { ensureBuilt } from '@platform/stack/testing'
import { parseBenchArgs, usage, type BenchOptions } from './args.js'
import { benchLayoutDir, copyLayout, ensureLayout, sampleUserIds } from './data.js'
import { drive, type Load, type Request } from './load.js'
import { procfileCommand, startGatewayFormation, startProcess, type Running } from './processes.js'
import { formatTable, type Row } from './table.js'
import { userPath } from '../lib/args.js'

let options: BenchOptions
try {
  const parsed = parseBenchArgs(process.argv.slice(2))
  if (parsed.help) {
    process.stdout.write(usage + '\n')
    process.exit(0)
  }
  options = parsed
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${usage}\n`)
  process.exit(2)
}

const say = (line: string) => process.stderr.write(line + '\n')
const source = options.data ? userPath(options.data) : benchLayoutDir(options.users, options.games)
ensureLayout(source, options.users, options.games, say)
const ids = sampleUserIds(source, options.ids)
const copy = copyLayout(source)
const work = copy.work

// Everything started is stopped at the end, or on Ctrl-C, and the copy removed.
const running = new Set<Running>()
async function cleanUp () {
  await Promise.all([...running].map((r) => r.stop()))
  running.clear()
  rmSync(work, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp().finally(() => process.exit(130))
  })
}

async function started<R extends Running> (what: Promise<R>): Promise<R> {
  const r = await what
  running.add(r)
  return r
}
async function stopped (r: Running) {
  await r.stop()
  running.delete(r)
}

const env = { SHARDS_DIR: copy.shards, SHARD_COUNT: String(copy.shardCount) }

// Every request of a case takes the next user id in turn; every POSTed game is a new one.
let turn = 0
let fresh = 0
const nextUser = () => ids[turn++ % ids.length]!
const CASES: [string, () => Request][] = [
  ['GET /stats/users/{id}', () => ({ method: 'GET', path: `/stats/users/${nextUser()}` })],
  ['GET /stats/leaderboards/wins', () => ({ method: 'GET', path: '/stats/leaderboards/wins' })],
  ['GET /stats/leaderboards/streaks', () => ({ method: 'GET', path: '/stats/leaderboards/streaks' })],
  ['POST /stats/games', () => {
    const n = fresh++
    const day = new Date(Date.UTC(2030, 0, 1) + (n % 3650) * 86_400_000).toISOString().slice(0, 10)
    const body = JSON.stringify({ user_id: nextUser(), game_id: 1_000_000_000 + n, finished: day, guesses: 1 + (n % 6), won: n % 4 !== 0 })
    return { method: 'POST', path: '/stats/games', body }
  }]
]
const load = { connections: options.connections, duration: options.duration, warmup: options.warmup }

const rows: Row[] = []
let failure: unknown
try {
  // The ceiling is measured again just before every case, with the same load: on a shared
  // machine the CPU left over drifts within a minute, and a ratio of two figures taken minutes
  // apart would mostly measure that drift.
  // The Procfile runs compiled JavaScript: build what changed, as `pnpm start` does.
  await ensureBuilt()
  const hello = await started(startProcess('exec node --import tsx scripts/bench/hello.ts', {}, join(work, 'hello.log'), '/'))
  const ceiling = () => drive(hello.url, () => ({ method: 'GET', path: '/' }), load, [hello.pid])
  rows.push({ what: 'Fastify hello-world, one process (the ceiling)', load: await ceiling() })

  const direct: Record<string, Load> = {}
  if (options.direct) {
    const one = await started(startProcess(procfileCommand('stats'), env, join(work, 'stats.log'), '/health'))
    for (const [name, next] of CASES) {
      say(`direct: ${name}`)
      const before = await ceiling()
      direct[name] = await drive(one.url, next, load, [one.pid])
      rows.push({ what: `${name}, one instance direct`, load: direct[name]!, ceiling: before })
    }
    await stopped(one)
  }
  if (options.gateway) {
    const gw = await started(startGatewayFormation(3, work, env))
    const serving = gw.stack.processes.filter((p) => p.spec.name !== 'registry.1')
    const pids = serving.map((p) => p.pid!)
    const gatewayPid = serving.findIndex((p) => p.spec.name === 'traefik.1')
    for (const [name, next] of CASES) {
      say(`through Traefik, 3 instances: ${name}`)
      const before = await ceiling()
      const l = await drive(gw.url, next, load, pids)
      rows.push({ what: `${name}, Traefik + 3 instances`, load: l, ceiling: before, direct: direct[name], gatewayPid })
    }
    await stopped(gw)
  }
  await stopped(hello)
} catch (err) {
  failure = err
} finally {
  await cleanUp()
}

const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
process.stdout.write(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${load1}\n` +
  `data: ${options.users.toLocaleString('en-US')} users, ${options.games.toLocaleString('en-US')} games (${source}); ` +
  `autocannon ${options.connections} connections, ${options.duration} s per case after ${options.warmup} s warm-up, ${ids.length} user ids; ` +
  'CPU µs/req: the server processes\' CPU time per answer (through Traefik: Traefik and the three instances)\n\n' +
  formatTable(rows) + '\n'
)
if (failure) {
  process.stderr.write(`bench:http stopped early: ${(failure as Error).message}\n`)
  process.exit(1)
}
