// The one log end to end: a real formation (gateway, registry, docs) keeps every process's
// output in files and Traefik's access log rotated; `pnpm logs --request-id` then shows one
// request that crossed two services (the docs picker asks the registry) at the gateway and in both.
import t from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '@platform/kit'
import { withRotations } from '../src/log-sources.js'
import { pnpmCommand } from '../src/pnpm.js'
import { childEnv, sleep, startTestStack } from '../src/testing.js'

t.setTimeout(300_000)

const stack = await startTestStack({
  formation: 'docs=1',
  // Request lines are info; small files so that both kinds of rotation happen within the test.
  env: { LOG_LEVEL: 'info', GATEWAY_ACCESS_LOG_SIZE: '2K', GATEWAY_ACCESS_LOG_KEEP: '5' },
  logFiles: { size: '2K', keep: 100 }
})
t.teardown(() => stack.stop())

/** `pnpm logs ARGS` on the test formation's data folder: its stdout lines, pnpm's own header left out. */
async function pnpmLogs (...args: string[]): Promise<string[]> {
  const [cmd, pre] = pnpmCommand(REPO_ROOT)
  const p = spawn(cmd, [...pre, '--silent', 'logs', '--data-dir', stack.dataDir, ...args], { cwd: REPO_ROOT, env: childEnv() })
  let out = ''
  let err = ''
  p.stdout.on('data', (c) => (out += c))
  p.stderr.on('data', (c) => (err += c))
  const code = await new Promise((resolve) => p.on('exit', resolve))
  if (code !== 0) throw new Error(`pnpm logs ${args.join(' ')} exited ${code}:\n${err}`)
  return out.split('\n').filter((l) => l !== '')
}

/** Every line of the current and rotated files of `file`. */
const linesOf = (file: string) => withRotations(file).flatMap((f) => readFileSync(f, 'utf8').split('\n'))

/** Waits until the gateway and both services have written their lines of request `id` (files are written asynchronously). */
async function written (id: string): Promise<void> {
  const done = () => {
    const access = linesOf(stack.accessLog).filter((l) => l.includes(`"downstream_X-Request-Id":"${id}"`)).length
    const of = (name: string) => linesOf(join(stack.logsDir, `${name}.log`)).filter((l) => l.includes(`"request_id":"${id}"`) && l.includes('request completed')).length
    return access === 1 && of('docs.1') === 1 && of('registry.1') === 1
  }
  for (let i = 0; i < 200 && !done(); i++) await sleep(100)
}

/** GET /docs/config.json through the gateway (docs asks the registry); the x-request-id of the answer. */
async function pickerRequest (headers: Record<string, string>): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/docs/config.json`, { headers })
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`GET /docs/config.json: ${res.status}`)
  return res.headers.get('x-request-id')!
}

const given = `e2e-${process.pid}-${Date.now()}`
let generated = ''

t.test('a request crossing two services, with the client\'s id and without', async (t) => {
  t.equal(await pickerRequest({ 'x-request-id': given }), given, 'the client\'s id came back')
  generated = await pickerRequest({})
  t.match(generated, /^[0-9a-f-]{36}$/, 'without one, the docs service made one up')
  await written(given)
  await written(generated)
})

t.test('pnpm logs --request-id: the gateway line and both services\' lines of one request', async (t) => {
  for (const id of [given, generated]) {
    const lines = await pnpmLogs('--request-id', id)
    const what = lines.filter((l) => !l.startsWith('-- ')).map((l) => {
      const m = /^\d\d:\d\d:\d\d\.\d{3} (\w+)\s+(\S+)\s+\[([^\]]+)\] (.*)$/.exec(l)
      t.ok(m, `readable: ${l}`)
      t.equal(m?.[3], id, 'every line is this request\'s')
      return `${m?.[2]} ${m?.[1]} ${m?.[4]}`
    })
    // One line per request, written when it is answered: the registry's (the inner call) ends first.
    const at = (prefix: string) => what.findIndex((w) => w.startsWith(prefix))
    t.ok(at('registry.1 ') >= 0 && at('registry.1 ') < at('docs.1 '), 'in time order: the inner call first')
    const sorted = [...what].sort()
    t.match(sorted, [
      /^docs\.1 INFO request completed GET \/docs\/config\.json 200 [\d.]+ ms$/,
      /^gateway INFO GET \/docs\/config\.json 200 [\d.]+ ms -> http:\/\/127\.0\.0\.1:\d+$/,
      /^registry\.1 INFO request completed GET \/registry\/instances\?limit=1000 200 [\d.]+ ms$/
    ])
    t.equal(what.length, 3, 'nothing else')
  }
})

t.test('--json gives the lines as the files keep them; the gateway line has the client\'s and the answered id', async (t) => {
  const byId = async (id: string) => (await pnpmLogs('--request-id', id, '--json')).map((l) => JSON.parse(l) as Record<string, unknown>)
  const mine = await byId(given)
  const gateway = mine.find((l) => 'DownstreamStatus' in l)!
  t.equal(gateway['request_X-Request-Id'], given)
  t.equal(gateway['downstream_X-Request-Id'], given)
  t.same(mine.filter((l) => l.request_id === given).map((l) => l.service).sort(), ['docs', 'registry'], 'one line per request in each service')

  const theirs = (await byId(generated)).find((l) => 'DownstreamStatus' in l)!
  t.notOk('request_X-Request-Id' in theirs, 'the client sent none')
  t.equal(theirs['downstream_X-Request-Id'], generated, 'the id the service answered with')
})

t.test('pnpm logs --service and --level filter the merged log', async (t) => {
  const gateway = await pnpmLogs('--service', 'gateway')
  t.ok(gateway.length >= 2)
  t.ok(gateway.every((l) => l.startsWith('-- ') || / gateway\s+/.test(l)), 'only the gateway\'s lines')
  const warnings = await pnpmLogs('--level', 'warn', '--json')
  t.ok(warnings.every((l) => (JSON.parse(l) as { level: number }).level >= 40), 'warn and above only')
})

t.test('Traefik\'s access log is rotated and Traefik writes on into a new file', async (t) => {
  // 2K: a few requests fill it; the gateway process checks every 5 s.
  for (let i = 0; i < 6; i++) await pickerRequest({ 'x-request-id': `fill-${i}` })
  for (let i = 0; i < 150 && !existsSync(`${stack.accessLog}.1`); i++) await sleep(100)
  t.ok(existsSync(`${stack.accessLog}.1`), 'access.log.1 made')
  const after = `after-rotation-${process.pid}`
  await pickerRequest({ 'x-request-id': after })
  await written(after)
  t.match(readFileSync(stack.accessLog, 'utf8'), `"downstream_X-Request-Id":"${after}"`, 'Traefik reopened access.log')
  t.equal((await pnpmLogs('--request-id', given, '--service', 'gateway')).filter((l) => !l.startsWith('-- ')).length, 1, 'a line in a rotated file is still found')
})

t.test('each process\'s file is rotated by size and read whole', async (t) => {
  const files = readdirSync(stack.logsDir)
  t.ok(files.includes('registry.1.log.1'), `the registry's file rotated (${files.join(', ')})`)
  t.ok(files.includes('formation.json'))
  const onDisk = linesOf(join(stack.logsDir, 'registry.1.log')).filter((l) => l !== '')
  const all = await pnpmLogs('--service', 'registry', '--json')
  t.ok(all.length >= onDisk.length, `every line of every rotation (${all.length} >= ${onDisk.length}: more may have come meanwhile)`)
  const times = all.map((l) => (JSON.parse(l) as { time: number }).time)
  t.same(times, [...times].sort((a, b) => a - b), 'in time order')
})
