// The one log's parts without a formation: what the runner writes, how lines are read, merged,
// filtered, formatted and followed across rotations, and the access log's rotation.
import t from 'tap'
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseSize, rotateWhenLarge, shiftRotations } from '../src/access-log.js'
import { formatEntry, matches, parseEntry, type Entry } from '../src/log-entries.js'
import { fileLine, FormationLogs, parseLevel } from '../src/log-files.js'
import { endOffsets, findSources, Follower, merged, readFormation, withRotations } from '../src/log-sources.js'
import { sleep, tempDir } from '../src/testing.js'

const pino = (time: number, msg: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ level: 30, time, service: 'stats', instance: 'stats@h:5100', ...extra, msg })

const access = (startMs: number, durationMs: number, extra: Record<string, unknown> = {}) => JSON.stringify({
  StartUTC: new Date(startMs).toISOString().replace('Z', '123456Z'),
  Duration: durationMs * 1e6,
  RequestMethod: 'GET',
  RequestPath: '/docs/config.json',
  DownstreamStatus: 200,
  ServiceURL: 'http://127.0.0.1:5100',
  ...extra
})

const collect = async (it: AsyncIterable<Entry>) => {
  const out: Entry[] = []
  for await (const e of it) out.push(e)
  return out
}

t.test('the runner keeps pino lines as they are and wraps every other line', async (t) => {
  const src = { name: 'traefik.1', type: 'traefik' }
  const asIs = '{"level":40,"time":1000,"service":"stats","instance":"stats@h:5100","msg":"hello"}'
  t.same(fileLine(asIs, src, 'stdout'), { text: asIs, level: 40 }, 'a pino line: unchanged')

  const plain = JSON.parse(fileLine('Redis is starting', { name: 'redis.1', type: 'redis' }, 'stdout', 5).text)
  t.same(plain, { level: 30, time: 5, service: 'redis', instance: 'redis.1', stream: 'stdout', msg: 'Redis is starting' })
  t.equal(fileLine('    at Object.<anonymous> (x.js:1:1)', src, 'stderr').level, 40, 'stderr: warn')

  const traefik = fileLine('\x1b[90m2026-11-29T15:19:41Z\x1b[0m \x1b[31mERR\x1b[0m \x1b[1mProvider error\x1b[0m', src, 'stdout', 7)
  t.equal(traefik.level, 50, 'Traefik\'s ERR is an error')
  t.equal(JSON.parse(traefik.text).msg, '2026-11-29T15:19:41Z ERR Provider error', 'without terminal colours')
  t.equal(parseEntry(traefik.text, 'traefik.1', 'process')?.time, 7, 'and it reads back as an entry')
})

t.test('an access log line: answered at start + duration, the id the service answered', async (t) => {
  const e = parseEntry(access(10_000, 5, { 'request_X-Request-Id': 'client', 'downstream_X-Request-Id': 'answered' }), 'gateway', 'access')!
  t.equal(Math.floor(e.time), 10_005)
  t.equal(e.requestId, 'answered')
  t.equal(e.service, 'traefik')
  t.equal(e.level, 30)
  t.equal(parseEntry(access(0, 1, { 'request_X-Request-Id': 'client' }), 'gateway', 'access')!.requestId, 'client', 'no answer (no route): the client\'s')
  t.equal(parseEntry(access(0, 1), 'gateway', 'access')!.requestId, undefined)
  t.equal(parseEntry(access(0, 1, { DownstreamStatus: 502 }), 'gateway', 'access')!.level, 50, '5xx: an error')
  for (const junk of ['', 'not json', '{"torn":', '{"no":"time"}', '[1,2]']) t.equal(parseEntry(junk, 'stats.1', 'process'), undefined, `skipped: ${junk}`)
})

t.test('filters: service or process, level and up, request id, since', async (t) => {
  const e = parseEntry(pino(100, 'x', { level: 40, request_id: 'r1' }), 'stats.2', 'process')!
  t.ok(matches(e, {}))
  t.ok(matches(e, { services: ['stats'] }))
  t.ok(matches(e, { services: ['docs', 'stats.2'] }))
  t.notOk(matches(e, { services: ['stats.1'] }))
  t.ok(matches(e, { minLevel: 40 }))
  t.notOk(matches(e, { minLevel: 50 }))
  t.ok(matches(e, { requestId: 'r1' }))
  t.notOk(matches(e, { requestId: 'r2' }))
  t.ok(matches(e, { since: 100 }))
  t.notOk(matches(e, { since: 101 }))
  t.same([parseLevel('warn'), parseLevel('ERROR'), parseLevel('35')], [40, 50, 35])
  t.throws(() => parseLevel('loud'), /level must be one of trace, debug, info, warn, error, fatal/)
})

t.test('one readable line per entry', async (t) => {
  const time = new Date(2026, 4, 1, 14, 3, 22, 123).getTime()
  const completed = parseEntry(pino(time, 'request completed', { request_id: 'req-42', res: { statusCode: 200 }, responseTime: 3.14159 }), 'docs.1', 'process')!
  t.equal(formatEntry(completed), '14:03:22.123 INFO  docs.1     [req-42] request completed 200 3.1 ms')
  const incoming = parseEntry(pino(time, 'incoming request', { request_id: 'r', req: { method: 'GET', url: '/x?y=1', host: 'h' } }), 'docs.1', 'process')!
  t.equal(formatEntry(incoming), '14:03:22.123 INFO  docs.1     [r] incoming request GET /x?y=1')
  const failed = parseEntry(pino(time, 'boom', { level: 50, err: { type: 'TypeError', message: 'x is undefined', stack: '...' }, shard: 2, url: 'a b' }), 'stats.3', 'process')!
  t.equal(formatEntry(failed), '14:03:22.123 ERROR stats.3    boom TypeError: x is undefined shard=2 url="a b"')
  const gateway = parseEntry(access(time - 4, 4, { 'downstream_X-Request-Id': 'r', RetryAttempts: 1 }), 'gateway', 'access')!
  t.equal(formatEntry(gateway), '14:03:22.123 INFO  gateway    [r] GET /docs/config.json 200 4.0 ms -> http://127.0.0.1:5100 retries=1')
  const noRoute = parseEntry(access(time, 0, { ServiceURL: undefined, DownstreamStatus: 404 }), 'gateway', 'access')!
  t.match(formatEntry(noRoute), /GET \/docs\/config\.json 404 0\.0 ms \(no route\)$/)
  t.ok(formatEntry(completed, true).includes('\x1b[32mINFO \x1b[0m'), 'coloured on a terminal')
})

t.test('merged: every source with its rotations, in time order, filtered, up to where each ended', async (t) => {
  const dir = tempDir(t, 'logs-merge-')
  const logs = join(dir, 'logs')
  const accessLog = join(dir, 'gateway', 'access.log')
  mkdirSync(logs)
  mkdirSync(join(dir, 'gateway'))
  // stats.1: rotated twice (.2 oldest); docs.1: one file; the access log rotated once.
  writeFileSync(join(logs, 'stats.1.log.2'), [pino(1, 'a'), pino(4, 'd')].join('\n') + '\n')
  writeFileSync(join(logs, 'stats.1.log.1'), [pino(6, 'f'), 'torn garbage'].join('\n') + '\n')
  writeFileSync(join(logs, 'stats.1.log'), [pino(9, 'i', { request_id: 'r' })].join('\n') + '\n')
  writeFileSync(join(logs, 'docs.1.log'), [pino(2, 'b', { service: 'docs' }), pino(7, 'g', { service: 'docs', request_id: 'r' })].join('\n') + '\n')
  writeFileSync(join(logs, 'formation.json'), JSON.stringify({ started_at: 3, runner_pid: 1, access_log: accessLog, processes: [] }))
  writeFileSync(`${accessLog}.1`, access(2, 1) + '\n')
  writeFileSync(accessLog, access(7, 1, { 'downstream_X-Request-Id': 'r' }) + '\n')

  t.same(withRotations(join(logs, 'stats.1.log')).map((f) => f.slice(logs.length + 1)), ['stats.1.log.2', 'stats.1.log.1', 'stats.1.log'])
  const sources = findSources(logs, accessLog)
  t.same(sources.map((s) => s.name), ['docs.1', 'stats.1', 'gateway'], 'formation.json is no source')
  const all = await collect(merged(sources, {}))
  t.same(all.map((e) => e.fields.msg ?? `gw@${Math.floor(e.time)}`), ['a', 'b', 'gw@3', 'd', 'f', 'g', 'gw@8', 'i'])
  t.same((await collect(merged(sources, { requestId: 'r' }))).map((e) => e.source), ['docs.1', 'gateway', 'stats.1'], 'one request across the gateway and two services')
  t.same((await collect(merged(sources, { since: readFormation(logs)!.started_at, services: ['stats'] }))).map((e) => e.fields.msg), ['d', 'f', 'i'])

  const ends = endOffsets(sources)
  appendFileSync(join(logs, 'stats.1.log'), pino(10, 'j') + '\n')
  t.same((await collect(merged(sources, { services: ['stats.1'] }, ends))).map((e) => e.fields.msg), ['a', 'd', 'f', 'i'], 'stops where the file ended when listed')
})

t.test('follow: new lines, a rotated file, a new process', async (t) => {
  const logs = tempDir(t, 'logs-follow-')
  const file = join(logs, 'stats.1.log')
  writeFileSync(file, pino(1, 'old') + '\n')
  const list = () => findSources(logs)
  const got: string[] = []
  const follower = new Follower(list, { minLevel: 30 }, () => {}, endOffsets(list()))
  t.teardown(() => follower.stop())
  const poll = () => got.push(...follower.poll().map((e) => `${e.source} ${e.fields.msg as string}`))

  appendFileSync(file, pino(2, 'two') + '\n' + pino(3, 'three').slice(0, 20))
  poll()
  t.same(got, ['stats.1 two'], 'the backlog is not repeated; a half-written line waits')
  appendFileSync(file, pino(3, 'three').slice(20) + '\n' + pino(4, 'four', { level: 20 }) + '\n')
  poll()
  t.same(got.splice(0), ['stats.1 two', 'stats.1 three'], 'completed; below the level left out')

  // Rotated as rotating-file-stream does: rename, then a new file; a last line lands in the old one.
  renameSync(file, `${file}.1`)
  appendFileSync(`${file}.1`, pino(5, 'five') + '\n')
  poll()
  writeFileSync(file, pino(6, 'six') + '\n')
  writeFileSync(join(logs, 'docs.1.log'), pino(7, 'seven', { service: 'docs' }) + '\n')
  poll()
  appendFileSync(file, pino(8, 'eight') + '\n')
  poll()
  t.same(got, ['stats.1 five', 'stats.1 six', 'docs.1 seven', 'stats.1 eight'], 'nothing lost or repeated across the rotation')
})

t.test('the runner\'s files rotate by size and keep the newest', async (t) => {
  const logs = join(tempDir(t, 'logs-files-'), 'logs')
  const files = await FormationLogs.open(logs, { size: '1K', keep: 2 }, { started_at: 1, runner_pid: 2, access_log: '/a', processes: ['stats.1'] })
  for (let i = 0; i < 60; i++) {
    files.write('stats.1', pino(i, `line ${String(i).padStart(2, '0')}`))
    // rotating-file-stream checks the size after each write: give it a turn now and then.
    if (i % 5 === 0) await sleep(5)
  }
  await files.close()
  files.write('stats.1', pino(99, 'after close: dropped'))
  const names = readdirSync(logs).sort()
  t.same(names, ['formation.json', 'stats.1.log', 'stats.1.log.1', 'stats.1.log.2'], 'two rotations kept')
  t.same(readFormation(logs), { started_at: 1, runner_pid: 2, access_log: '/a', processes: ['stats.1'] })
  const kept = (await collect(merged(findSources(logs), {}))).map((e) => e.time)
  t.equal(kept.at(-1), 59, 'the newest line is there')
  t.same(kept, Array.from({ length: kept.length }, (_, i) => 60 - kept.length + i), 'a contiguous run up to it, in order')
  t.ok(kept.length < 60, 'the oldest went')
})

t.test('the access log: shifted like the runner\'s files, and the writer told to reopen', async (t) => {
  t.same([parseSize('300B'), parseSize('2K'), parseSize('10M'), parseSize('1G')], [300, 2048, 10 * 1024 ** 2, 1024 ** 3])
  t.throws(() => parseSize('10MB'), /a size is a number and B, K, M or G/)

  const dir = tempDir(t, 'access-')
  const file = join(dir, 'access.log')
  for (const [name, text] of [['access.log', 'now'], ['access.log.1', 'one'], ['access.log.2', 'two']]) writeFileSync(join(dir, name!), text!)
  shiftRotations(file, 2)
  t.same(readdirSync(dir).sort(), ['access.log.1', 'access.log.2'])
  t.same([readFileSync(`${file}.1`, 'utf8'), readFileSync(`${file}.2`, 'utf8')], ['now', 'one'], 'the oldest dropped')

  let reopened = 0
  writeFileSync(file, 'x'.repeat(100))
  const stop = rotateWhenLarge({ file, maxBytes: 50, keep: 2, reopen: () => { reopened++; writeFileSync(file, '') }, everyMs: 10 })
  t.teardown(stop)
  for (let i = 0; i < 500 && !existsSync(`${file}.1`); i++) await sleep(10)
  await sleep(50)
  t.equal(reopened, 1, 'once: the new file is small')
  t.equal(readFileSync(`${file}.1`, 'utf8'), 'x'.repeat(100))
  t.ok(existsSync(file))
})
