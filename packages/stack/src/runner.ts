import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DATA_DIR, REPO_ROOT } from '@platform/kit'
import { ensureBuilt } from './build.js'
import { Child, type Log } from './child.js'
import { DEFAULT_LOG_FILES, fileLine, FormationLogs, LEVELS, LOGS_FOLDER, RUNNER_SOURCE, type LogFileSettings } from './log-files.js'
import { pnpmCommand } from './pnpm.js'
import { describeFormation, GATEWAY_TYPE, parseFormation, planFormation, readProcfile, type PlannedProcess } from './procfile.js'
import { waitRouted } from './ready.js'

export interface StackOptions {
  root?: string
  procfile?: string
  /** `stats=3,posts=1`, foreman's syntax; default every process type once, stats x3. */
  formation?: string
  /** The gateway's port (9999); its dashboard/API listens on loopback at apiPort (port - 1). */
  port?: number
  apiPort?: number
  /** Where the service registry listens (port - 2): every instance and the gateway find it there. */
  registryPort?: number
  /** Instances get ports as Ruby foreman numbers them from here ($PORT, else 5000). */
  basePort?: number
  /** The formation's state (DATA_DIR of every process): default <repo>/data. */
  dataDir?: string
  /** Run the root package.json's `formation:prepare` script first (makes the data set if there is none). */
  prepare?: boolean
  /** Build what the Procfile runs first (`tsc -b`, see build.ts); default true. */
  build?: boolean
  /** Where the gateway keeps its derived static configuration and access log (default <dataDir>/gateway). */
  workDir?: string
  /** Added to every child's environment. */
  env?: Record<string, string>
  /** Where each process's output lines go besides its log file (default: the terminal, prefixed with its name). */
  log?: Log
  /**
   * Every process's output is kept in <dataDir>/logs/<process>.log (`pnpm logs` reads them),
   * rotated by size; false: no files.
   */
  logFiles?: LogFileSettings | false
  /** Output lines below this pino level are kept in the files only, not given to `log` (default: all go). */
  printLevel?: number
  readyTimeoutMs?: number
  stopTimeoutMs?: number
  /** Aborting it while starting stops what was started; startStack then rejects. */
  signal?: AbortSignal
}

export interface Stack {
  url: string
  apiUrl: string
  summary: string
  processes: Child[]
  plan: PlannedProcess[]
  /** The child named `stats.2`. */
  child(name: string): Child
  /** Stops one process gracefully, starts it again and resolves once it is routed. */
  restart(name: string): Promise<void>
  /** restart() of every instance, one after the other: the services never go down. */
  rollingRestart(): Promise<void>
  /** Resolves once every instance is routed again (after a restart, say). */
  waitRouted(timeoutMs?: number): Promise<void>
  /** SIGTERM to every process, SIGKILL past the timeout; resolves when all are gone. */
  stop(): Promise<void>
}

const RESTART_DELAY_MS = 1000

export async function startStack (options: StackOptions = {}): Promise<Stack> {
  const root = options.root ?? REPO_ROOT
  const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'))
  const types = readProcfile(options.procfile ?? join(root, 'Procfile'))
  const formation = parseFormation(options.formation, types)
  const port = options.port ?? 9999
  const apiPort = options.apiPort ?? port - 1
  const registryPort = options.registryPort ?? port - 2
  const basePort = options.basePort ?? Number(process.env.PORT ?? 5000)
  const plan = planFormation(types, formation, basePort, registryPort)
  const dataDir = resolve(root, options.dataDir ?? DATA_DIR)
  const workDir = resolve(root, options.workDir ?? join(dataDir, 'gateway'))
  mkdirSync(dataDir, { recursive: true })

  const logSettings = options.logFiles || DEFAULT_LOG_FILES
  // What every process of the formation is told: generic settings only; a service takes what it reads.
  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    // Instances keep serving this long after SIGTERM with /health failing: one health-check
    // interval (1 s) plus margin, so the gateway has stopped routing there when they close.
    SHUTDOWN_DELAY_MS: '2000',
    DATA_DIR: dataDir,
    REGISTRY_PORT: String(registryPort),
    REGISTRY_URL: `http://127.0.0.1:${registryPort}`,
    GATEWAY_WORK_DIR: workDir,
    // Where a service reads another service (the kit's upstream): this formation's gateway.
    GATEWAY_URL: `http://127.0.0.1:${port}`,
    GATEWAY_PORT: String(port),
    GATEWAY_API_PORT: String(apiPort),
    // The gateway rotates Traefik's access log as the runner rotates the processes' files.
    GATEWAY_ACCESS_LOG_SIZE: logSettings.size,
    GATEWAY_ACCESS_LOG_KEEP: String(logSettings.keep),
    ...options.env
  }
  if (options.build !== false) await ensureBuilt(root)
  if (options.prepare !== false) await prepareFormation(root, shared, log)

  const files = options.logFiles === false
    ? undefined
    : await FormationLogs.open(join(dataDir, LOGS_FOLDER), logSettings, {
      started_at: Date.now(),
      runner_pid: process.pid,
      access_log: join(workDir, 'access.log'),
      processes: plan.map((p) => p.name)
    })
  const printLevel = options.printLevel ?? 0
  // The runner's own news (restarts, crash loops) goes to the terminal and to stack.log.
  const say = (line: string, level = LEVELS.info!) => {
    log(line)
    files?.write(RUNNER_SOURCE, JSON.stringify({ level, time: Date.now(), service: RUNNER_SOURCE, instance: RUNNER_SOURCE, msg: line }))
  }

  let stopping = false
  let startFailure: string | undefined
  let ready = false
  const restarts = new Map<string, number>()

  // Children stopped on purpose to be started again (restart, rolling restart).
  const planned = new Set<Child>()
  const startAgain = (child: Child) => {
    child.start()
    say(`stack: ${child.spec.name} pid ${child.pid} port ${child.spec.env.PORT}`)
  }

  const onExit = (child: Child, code: number | null, signal: NodeJS.Signals | null) => {
    if (stopping) return
    if (planned.delete(child)) return startAgain(child)
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`
    if (!ready) {
      startFailure = `${child.spec.name} ${how} while starting:\n${child.tail.join('\n')}`
      return
    }
    // A quick death again and again is a crash loop: say so and leave it down.
    const quick = Date.now() - child.startedAt < 10_000
    const count = quick ? (restarts.get(child.spec.name) ?? 0) + 1 : 1
    restarts.set(child.spec.name, count)
    if (count > 3) {
      say(`${child.spec.name} ${how}; it keeps dying, not restarting it`, LEVELS.error)
      return
    }
    say(`${child.spec.name} ${how}; restarting it in ${RESTART_DELAY_MS / 1000} s`, LEVELS.warn)
    setTimeout(() => {
      if (!stopping) startAgain(child)
    }, RESTART_DELAY_MS)
  }

  const children = plan.map((p) => {
    const env: NodeJS.ProcessEnv = { ...shared, PORT: String(p.port), PS: p.name }
    const source = { name: p.name, type: p.type }
    const output = (line: string, stream: 'stdout' | 'stderr') => {
      const { text, level } = fileLine(line, source, stream)
      files?.write(p.name, text)
      if (level >= printLevel) log(`${p.name} | ${line}`)
    }
    return new Child({ name: p.name, command: p.command, cwd: root, env }, output, (line) => say(line, LEVELS.warn), onExit)
  })
  for (const c of children) c.start()

  const stopTimeout = options.stopTimeoutMs ?? 10_000
  const stop = async () => {
    stopping = true
    await Promise.all(children.map((c) => c.stop(stopTimeout)))
    await Promise.all(children.map((c) => c.outputDone()))
    await files?.close()
  }
  const apiUrl = `http://127.0.0.1:${apiPort}`
  try {
    await waitRouted(apiUrl, plan, options.readyTimeoutMs ?? 60_000, () => startFailure ?? (options.signal?.aborted ? 'stopped while starting' : undefined))
  } catch (err) {
    await stop()
    throw err
  }
  ready = true
  const child = (name: string) => {
    const c = children.find((c) => c.spec.name === name)
    if (!c) throw new Error(`no process ${name} in this formation`)
    return c
  }
  // Drain (SIGTERM: the gateway stops routing there first), start again, wait until routed.
  const restart = async (name: string) => {
    const c = child(name)
    planned.add(c)
    await c.stop(stopTimeout)
    await waitRouted(apiUrl, plan.filter((p) => p.name === name), options.readyTimeoutMs ?? 60_000)
  }
  return {
    url: `http://localhost:${port}`,
    apiUrl,
    summary: describeFormation(formation),
    processes: children,
    plan,
    child,
    restart,
    async rollingRestart () {
      // A part (a Redis server) has no second instance to take over while it restarts: left alone.
      for (const p of plan) if (p.type !== GATEWAY_TYPE && !p.part) await restart(p.name)
    },
    waitRouted: (timeoutMs = 30_000) => waitRouted(apiUrl, plan, timeoutMs),
    stop
  }
}

/**
 * The root package.json's `formation:prepare` script, if it has one, run to completion before
 * any process starts (it populates the default data set when there is none). The runner knows
 * no service: what preparing means is written next to the other root scripts.
 */
async function prepareFormation (root: string, env: NodeJS.ProcessEnv, log: Log): Promise<void> {
  const [cmd, pre] = pnpmCommand(root)
  const code = await new Promise<number | null>((resolve, reject) => {
    const p = spawn(cmd, [...pre, 'run', '--silent', '--if-present', 'formation:prepare'], { cwd: root, env, stdio: 'inherit' })
    p.on('error', reject)
    p.on('exit', resolve)
  })
  if (code !== 0) throw new Error(`formation:prepare failed (exit ${code})`)
  log('stack: formation prepared')
}
