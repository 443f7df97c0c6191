// What tests (and the k6 CI run) need to run real processes: a throwaway formation behind a
// real Traefik, a single service process, free ports, and small request helpers. Nothing here
// touches the user's data or a formation already running: every path is temporary, every port free.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from '@platform/kit'
import { callJson, type JsonReply } from '@platform/kit/testing'
import { LOGS_FOLDER, type LogFileSettings } from './log-files.js'
import { freePort, freeStackPorts } from './ports.js'
import { readProcfile } from './procfile.js'
import { startStack, type Stack } from './runner.js'

export { freePort, freeStackPorts } from './ports.js'
export { buildWorkspace, ensureBuilt } from './build.js'

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A temporary folder removed when the test ends. */
export function tempDir (t: { teardown(fn: () => void): void }, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * The environment for processes a test starts, without tap's coverage hook (NODE_OPTIONS):
 * a formation of ten Node processes each recording coverage starts and stops far slower.
 */
export function childEnv (extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (k !== 'NODE_OPTIONS' && !k.startsWith('_TAPJS_')) env[k] = v
  return { ...env, ...extra }
}

export interface Outcome {
  status: number
  instance: string | null
}

/** One request; a network error counts as status 0. */
export async function hit (url: string, init?: RequestInit): Promise<Outcome> {
  try {
    const res = await fetch(url, init)
    await res.arrayBuffer()
    return { status: res.status, instance: res.headers.get('x-instance') }
  } catch {
    return { status: 0, instance: null }
  }
}

export function countBy<T> (items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1
  return counts
}

export interface TestStack extends Stack {
  /** The gateway by IP (k6 would otherwise try ::1 first for localhost). */
  baseUrl: string
  /** The temporary folder holding the formation's data, shards and gateway files. */
  dir: string
  /** The formation's DATA_DIR (`pnpm logs --data-dir` reads its logs). */
  dataDir: string
  /** Every process's log file (<dataDir>/logs/<process>.log) and formation.json. */
  logsDir: string
  /** Traefik's access log. */
  accessLog: string
  /** Every line the formation printed, for a failing test's message. */
  lines: string[]
  /** Stops every process and removes the temporary folder. */
  stop(): Promise<void>
}

export interface TestStackOptions {
  /** foreman syntax, e.g. `stats=3,docs=1`; default every process type once, stats x3. */
  formation?: string
  /** Added to every process's environment (SHARDS_DIR defaults to a new empty layout). */
  env?: Record<string, string>
  readyTimeoutMs?: number
  /** The processes' log files: size and rotations kept (default the runner's: 10M, 5). */
  logFiles?: LogFileSettings
}

/** The real Procfile's processes behind real Traefik, on free loopback ports, in a temporary folder. */
export async function startTestStack (options: TestStackOptions = {}): Promise<TestStack> {
  const dir = mkdtempSync(join(tmpdir(), 'stack-'))
  const types = readProcfile(join(REPO_ROOT, 'Procfile')).length
  const ports = await freeStackPorts(types, 3)
  const lines: string[] = []
  const dataDir = join(dir, 'data')
  const workDir = join(dir, 'gateway')
  let stack: Stack
  try {
    stack = await startStack({
      ...ports,
      formation: options.formation,
      dataDir,
      workDir,
      logFiles: options.logFiles,
      prepare: false,
      readyTimeoutMs: options.readyTimeoutMs ?? 120_000,
      env: { LOG_LEVEL: 'warn', SHARDS_DIR: join(dir, 'shards'), NODE_OPTIONS: '', ...options.env },
      log: (line) => lines.push(line)
    })
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`${(err as Error).message}\n--- formation log ---\n${lines.slice(-40).join('\n')}`)
  }
  const stopStack = stack.stop
  return Object.assign(stack, {
    baseUrl: `http://127.0.0.1:${ports.port}`,
    dir,
    dataDir,
    logsDir: join(dataDir, LOGS_FOLDER),
    accessLog: join(workDir, 'access.log'),
    lines,
    async stop () {
      await stopStack()
      rmSync(dir, { recursive: true, force: true })
    }
  })
}

/** A service started the way the Procfile starts it, from the repository root, on a free loopback port. */
export interface ServiceProcess {
  url: string
  pid: number
  /** SIGTERM, then the exit code once the process is gone. */
  stop(): Promise<number | null>
  /** SIGKILL (a crash: nothing is closed), resolved once the process is gone. */
  kill(): Promise<void>
  /** Everything it printed, for a failing test's message. */
  output(): string
}

export async function startServiceProcess (entry: string, env: Record<string, string>, readyWithinMs = 20_000): Promise<ServiceProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    // No registering: a test's instance must never join a formation that happens to run.
    env: childEnv({ HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', REGISTRY_URL: '', ...env }),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = once(child, 'exit').then(([code]) => code as number | null)

  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + readyWithinMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode} before it was ready:\n${output}`)
    if ((await hit(`${url}/health`)).status === 200) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${entry} not ready within ${readyWithinMs} ms:\n${output}`)
    }
    await sleep(50)
  }

  return {
    url,
    pid: child.pid!,
    output: () => output,
    async stop () {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    },
    async kill () {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    }
  }
}

/** A signed-in account of a formation: its name, its token, and the header a write carries. */
export interface TestAccount {
  username: string
  token: string
  auth: { authorization: string }
}

/**
 * Signs up `username` through the gateway (POST /users with a good password) and signs in
 * (POST /users/sessions): what a client does once before writing through the gateway.
 */
export async function signUp (baseUrl: string, username: string, password = 'plum-cobalt-harbour-42'): Promise<TestAccount> {
  const json = { 'content-type': 'application/json' }
  // As a client should: a 503 (the accounts service hashing too many passwords at once) is
  // tried again after its Retry-After.
  const post = async (path: string, body: object): Promise<Response> => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) })
      if (res.status !== 503 || attempt === 10) return res
      await res.arrayBuffer()
      await sleep(1000 * Number(res.headers.get('retry-after') ?? 1))
    }
  }
  const created = await post('/users', { username, email: `${username}@example.com`, password })
  if (created.status !== 201) throw new Error(`signing up ${username}: ${created.status} ${await created.text()}`)
  const session = await post('/users/sessions', { username, password })
  if (session.status !== 201) throw new Error(`signing in ${username}: ${session.status} ${await session.text()}`)
  const { token } = (await session.json()) as { token: string }
  return { username, token, auth: { authorization: `Bearer ${token}` } }
}

/** A JSON answer as a test reads it: status, Location, the instance that answered, the parsed body. */
export type Reply = JsonReply

const isAccount = (a: TestAccount | Record<string, string> | undefined): a is TestAccount => typeof (a as TestAccount | undefined)?.auth === 'object'

/** One JSON request to `baseUrl`, as `as` (its token) when given, or with these headers. */
export async function call (baseUrl: string, method: string, path: string, body?: unknown, as?: TestAccount | Record<string, string>): Promise<Reply> {
  return callJson(baseUrl, method, path, body, isAccount(as) ? as.auth : as)
}

/** A test stack stopped when the test file ends; a failing file prints the formation's output. */
export async function testStack (t: { teardown(fn: () => Promise<void>): void, passing(): boolean, comment(message: string): void }, options: TestStackOptions = {}): Promise<TestStack> {
  const stack = await startTestStack(options)
  t.teardown(async () => {
    if (!t.passing()) t.comment(`stack log:\n${stack.lines.join('\n')}`)
    await stack.stop()
  })
  return stack
}
