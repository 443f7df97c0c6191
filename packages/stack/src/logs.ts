/**
 * The one log of the formation `pnpm start` runs (or ran last): every process's file
 * (<data-dir>/logs/<process>.log, rotations included) and the gateway's access log, merged by
 * time, one readable line each (or the raw JSON lines), filtered, optionally followed.
 *
 *   pnpm logs [--follow] [--service NAME]... [--level LEVEL] [--request-id ID] [--json]
 *             [--lines N] [--all] [--data-dir DIR (default data)]
 */
import { once } from 'node:events'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DATA_DIR } from '@platform/kit'
import { formatEntry, localTime, type Entry, type Filter } from './log-entries.js'
import { LOGS_FOLDER, parseLevel } from './log-files.js'
import { endOffsets, findSources, Follower, merged, readFormation } from './log-sources.js'

const usage = `usage: pnpm logs [-f|--follow] [--service NAME]... [--level LEVEL] [--request-id ID] [--json]
                [-n|--lines N] [--all] [--data-dir DIR (default data)]

The merged, time-ordered log of the running (or last) formation of \`pnpm start\`: every process's
file in <data-dir>/logs and the gateway's access log.
  --service NAME     only this service (stats), process (stats.2), or the gateway (gateway); repeatable
  --level LEVEL      only this level and above: trace, debug, info, warn, error, fatal
  --request-id ID    every line of one request: the gateway's and every service's it reached
  --json             the lines as they are in the files (one JSON object each)
  -n, --lines N      only the last N lines (then --follow goes on from there)
  --all              everything the files keep, not just since the formation last started
  -f, --follow       keep printing lines as they are written (Ctrl-C ends)`

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function main (): Promise<number> {
  const { values } = parseArgs({
    options: {
      follow: { type: 'boolean', short: 'f' },
      service: { type: 'string', multiple: true },
      level: { type: 'string' },
      'request-id': { type: 'string' },
      json: { type: 'boolean' },
      lines: { type: 'string', short: 'n' },
      all: { type: 'boolean' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    process.stdout.write(usage + '\n')
    return 0
  }
  const cwd = process.env.INIT_CWD ?? process.cwd()
  const dataDir = values['data-dir'] === undefined ? DATA_DIR : resolve(cwd, values['data-dir'])
  const logsDir = join(dataDir, LOGS_FOLDER)
  const lines = values.lines === undefined ? undefined : Number(values.lines)
  if (lines !== undefined && (!Number.isInteger(lines) || lines < 0)) throw new Error(`--lines must be a whole number, not "${values.lines}"`)

  const formation = readFormation(logsDir)
  const filter: Filter = {
    services: values.service?.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
    minLevel: values.level === undefined ? undefined : parseLevel(values.level),
    requestId: values['request-id'],
    since: values.all || !formation ? undefined : formation.started_at
  }
  const accessLog = formation?.access_log ?? join(dataDir, 'gateway', 'access.log')
  if (formation) {
    const { day, clock } = localTime(formation.started_at)
    const state = alive(formation.runner_pid) ? 'running' : 'stopped'
    process.stderr.write(`logs: formation started ${day} ${clock} (runner pid ${formation.runner_pid}, ${state}); ${logsDir}\n`)
  } else {
    process.stderr.write(`logs: no formation has written ${logsDir}/formation.json: reading what is there\n`)
  }

  const colour = process.stdout.isTTY === true && !values.json
  let lastDay = ''
  const render = (e: Entry): string => {
    if (values.json) return e.raw + '\n'
    const { day } = localTime(e.time)
    const heading = day !== lastDay ? `-- ${day} --\n` : ''
    lastDay = day
    return heading + formatEntry(e, colour) + '\n'
  }
  let buffered = ''
  const write = async (text: string, flush = false) => {
    buffered += text
    if (buffered.length < 64 * 1024 && !flush) return
    const chunk = buffered
    buffered = ''
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain')
  }

  const list = () => findSources(logsDir, accessLog)
  const sources = list()
  const ends = endOffsets(sources)
  if (lines === undefined) {
    for await (const e of merged(sources, filter, ends)) await write(render(e))
  } else if (lines > 0) {
    // The last N: a ring of N entries over the merged stream.
    const ring: Entry[] = []
    let next = 0
    for await (const e of merged(sources, filter, ends)) {
      ring[next] = e
      next = (next + 1) % lines
    }
    for (const e of [...ring.slice(next), ...ring.slice(0, next)]) await write(render(e))
  }
  await write('', true)
  if (!values.follow) return 0

  const follower = new Follower(list, filter, (entries) => {
    void write(entries.map(render).join(''), true)
  }, ends)
  follower.start()
  await new Promise<void>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, () => resolve())
    // pnpm does not pass SIGTERM on to its script: when the parent goes away, stop too.
    const parent = process.ppid
    setInterval(() => process.ppid !== parent && resolve(), 500).unref()
  })
  follower.stop()
  return 0
}

// `pnpm logs | head`: the reader left, nothing is wrong.
process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1))

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`logs: ${err.message}\n${usage}\n`)
    process.exit(1)
  }
)
