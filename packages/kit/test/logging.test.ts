// One log for the whole platform: what every service's log lines carry, and that one request's
// lines in two services (the first calling the second with upstream) share its request id.
import { test } from 'tap'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const fixture = fileURLToPath(new URL('./fixtures/two-services.ts', import.meta.url))

interface Line { time: number, level: number, service: string, instance: string, request_id?: string, msg: string, [key: string]: unknown }

// Two services, a request through them with the client's id `trace-42`, then one without an id.
const run = spawnSync(process.execPath, ['--import', 'tsx', fixture, 'trace-42'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })
if (run.status !== 0) throw new Error(`fixture failed (${run.status}):\n${run.stdout}\n${run.stderr}`)
const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line)
const [givenAnswer, generatedAnswer] = run.stderr.trim().split('\n')

test('a request id given by the client is in every line of that request, in both services', async (t) => {
  t.equal(givenAnswer, 'trace-42', 'echoed to the client')
  const mine = lines.filter((l) => l.request_id === 'trace-42')
  // One line per request, when it is answered, naming the request (RequestLog).
  t.same(mine.filter((l) => l.service === 'front').map((l) => l.msg), ['request completed'])
  t.same(mine.filter((l) => l.service === 'back').map((l) => l.msg), ['back handles it', 'request completed'], 'the called service too')
  for (const l of mine.filter((l) => l.msg === 'request completed')) {
    t.match(l, { req: { method: 'GET', url: String }, res: { statusCode: 200 }, responseTime: Number }, `${l.service}: the request, its status and time in one line`)
  }
  t.notOk(lines.some((l) => l.msg === 'incoming request'), 'no separate line for the request coming in (LOG_LEVEL=info)')
  t.notOk(lines.some((l) => 'reqId' in l), 'no reqId label: it is request_id')
})

test('without one, the first service generates the id and the second logs the same', async (t) => {
  t.match(generatedAnswer, /^[0-9a-f-]{36}$/, 'a fresh id, echoed to the client')
  const mine = lines.filter((l) => l.request_id === generatedAnswer)
  t.same(mine.map((l) => `${l.service}: ${l.msg}`).sort(), [
    'back: back handles it', 'back: request completed', 'front: request completed'
  ])
  const ids = new Set(lines.filter((l) => l.msg === 'request completed').map((l) => l.request_id))
  t.same([...ids].sort(), [generatedAnswer, 'trace-42'].sort(), 'two requests, two ids, whichever service logged them')
})

test('every line is pino JSON naming its service and instance', async (t) => {
  t.ok(lines.length >= 6, `two requests, three lines each, and more: ${lines.length}`)
  for (const l of lines) {
    t.type(l.time, 'number', 'epoch milliseconds')
    t.type(l.level, 'number')
    t.match(l.instance, new RegExp(`^${l.service}@.+:\\d+$`), `${l.service}: ${l.msg}`)
  }
})
