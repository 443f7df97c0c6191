/**
 * The formation in the foreground: every Procfile process (stats x3) behind Traefik on :9999.
 *
 *   pnpm start [--formation all=1,stats=5] [--port 9999] [--base-port 5000]
 *              [--data-dir data] [--no-prepare] [--api-port 9998] [--registry-port 9997]
 *              [--work-dir data/gateway] [--log-size 10M] [--log-keep 5] [--print-level info]
 *
 * Settings of single services come from the environment as usual (SHARDS_DIR=... pnpm start).
 *
 * Every process's output is printed prefixed with its name (lines below --print-level are not)
 * and kept in <data-dir>/logs/<process>.log, rotated past --log-size keeping --log-keep old
 * files; `pnpm logs` reads them.
 *
 * Ctrl-C or SIGTERM stops everything (SIGTERM to each process, SIGKILL after 10 s) and exits 0.
 * An instance that dies is reported and started again on its port. SIGUSR2 restarts every
 * instance, one at a time, without downtime.
 */
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { parseSize } from './access-log.js'
import { parseLevel } from './log-files.js'
import { routedServers } from './ready.js'
import { startStack } from './runner.js'

const usage = `usage: pnpm start [--formation all=1,stats=3,likes=2,polls=2] [--port 9999] [--base-port 5000] [--data-dir DIR (default data)]
                 [--no-prepare] [--api-port PORT (default port-1)] [--registry-port PORT (default port-2)]
                 [--work-dir DIR (default <data-dir>/gateway)]
                 [--log-size SIZE (default 10M)] [--log-keep N (default 5)] [--print-level LEVEL (default: print all)]`

function portArg (name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`--${name} must be a port number, not "${value}"`)
  return n
}

async function main (): Promise<number> {
  const { values } = parseArgs({
    options: {
      formation: { type: 'string' },
      port: { type: 'string' },
      'base-port': { type: 'string' },
      'data-dir': { type: 'string' },
      'no-prepare': { type: 'boolean' },
      'api-port': { type: 'string' },
      'registry-port': { type: 'string' },
      'work-dir': { type: 'string' },
      'log-size': { type: 'string' },
      'log-keep': { type: 'string' },
      'print-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    process.stdout.write(usage + '\n')
    return 0
  }
  // Paths on the command line are the user's, relative to where they typed it.
  const cwd = process.env.INIT_CWD ?? process.cwd()
  const dir = (p: string | undefined) => (p === undefined ? undefined : resolve(cwd, p))

  const logSize = values['log-size'] ?? '10M'
  parseSize(logSize)
  const logKeep = Number(values['log-keep'] ?? 5)
  if (!Number.isInteger(logKeep) || logKeep < 0) throw new Error(`--log-keep must be a whole number, not "${values['log-keep']}"`)

  const abort = new AbortController()
  const stopSignal = new Promise<string>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, () => resolve(sig))
    // pnpm does not pass SIGTERM on to its script: when the parent goes away, stop too.
    const parent = process.ppid
    const watch = setInterval(() => process.ppid !== parent && resolve('parent exit'), 500)
    watch.unref()
  })
  void stopSignal.then(() => abort.abort())

  const starting = startStack({
    formation: values.formation,
    port: portArg('port', values.port),
    apiPort: portArg('api-port', values['api-port']),
    registryPort: portArg('registry-port', values['registry-port']),
    workDir: dir(values['work-dir']),
    basePort: portArg('base-port', values['base-port']),
    dataDir: dir(values['data-dir']),
    prepare: !values['no-prepare'],
    logFiles: { size: logSize, keep: logKeep },
    printLevel: values['print-level'] === undefined ? undefined : parseLevel(values['print-level']),
    signal: abort.signal
  })
  const first = await Promise.race([starting.then((stack) => ({ stack })), stopSignal.then((why) => ({ why }))])
  if ('why' in first) {
    process.stdout.write(`stack: ${first.why} while starting; stopping\n`)
    // Aborted, startStack stops what it started and rejects.
    await starting.catch(() => undefined)
    return 0
  }
  const { stack } = first
  for (const c of stack.processes) process.stdout.write(`stack: ${c.spec.name} pid ${c.pid} port ${c.spec.env.PORT}\n`)
  // Instances started by hand register themselves too: say so.
  const planned = new Set(stack.plan.map((p) => `${p.type} http://127.0.0.1:${p.port}`))
  for (const [service, urls] of await routedServers(stack.apiUrl).catch(() => new Map<string, string[]>())) {
    for (const url of urls.filter((u) => !planned.has(`${service} ${u}`))) {
      process.stdout.write(`stack: also routing ${service} ${url}: registered by a process this runner did not start\n`)
    }
  }
  // kill -USR2 <runner pid>: restart every instance one by one, the services staying up.
  process.on('SIGUSR2', () => {
    process.stdout.write('stack: rolling restart\n')
    stack.rollingRestart().then(
      () => process.stdout.write('stack: rolling restart done\n'),
      (err: Error) => process.stdout.write(`stack: rolling restart failed: ${err.message}\n`)
    )
  })
  process.stdout.write(
    `ready: ${stack.url} (${stack.summary}); docs ${stack.url}/docs/, Traefik API/dashboard ${stack.apiUrl} (loopback); ` +
      `runner pid ${process.pid}, Ctrl-C stops\n`
  )
  const why = await stopSignal
  process.stdout.write(`stack: ${why}: stopping every process\n`)
  await stack.stop()
  process.stdout.write('stack: stopped\n')
  return 0
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`stack: ${err.message}\n`)
    process.exit(1)
  }
)
