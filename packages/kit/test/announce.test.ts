import { test } from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { readAnnouncements, resolveAnnounceDir, DEFAULT_ANNOUNCE_DIR } from '../src/index.js'

const fixture = fileURLToPath(new URL('./fixtures/announcing-service.ts', import.meta.url))

async function waitFor<T> (probe: () => T | undefined, ms = 10_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

test('resolveAnnounceDir', async (t) => {
  t.equal(resolveAnnounceDir('/tmp/gw/instances'), '/tmp/gw/instances', 'a set directory is used')
  t.equal(resolveAnnounceDir('gw/instances'), join(process.cwd(), 'gw/instances'), 'a relative one is resolved')
  t.equal(resolveAnnounceDir(''), undefined, 'empty turns announcing off')
  t.equal(resolveAnnounceDir(undefined), DEFAULT_ANNOUNCE_DIR, 'unset: the default directory')
  t.match(DEFAULT_ANNOUNCE_DIR, /\/data\/gateway\/instances$/, 'in the git-ignored data folder of the checkout')
})

const stats = (port: number, pid = process.pid) => ({
  service: 'stats', prefix: '/stats', url: `http://127.0.0.1:${port}`, instance: `stats@h:${port}`, pid
})

test('readAnnouncements skips instances whose process is gone and files that are not announcements', async (t) => {
  const dir = t.testdir({})
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!
  writeFileSync(join(dir, 'stats-5000.json'), JSON.stringify(stats(5000)))
  writeFileSync(join(dir, 'stats-5001.json'), JSON.stringify(stats(5001, dead)))
  writeFileSync(join(dir, 'stats-5002.json'), '{"half": ')
  writeFileSync(join(dir, 'notes.txt'), 'not json')
  t.same(readAnnouncements(dir).map((a) => a.url), ['http://127.0.0.1:5000'])
  t.same(readAnnouncements(join(dir, 'missing')), [])
})

test('runService announces the instance on listen and withdraws it on SIGTERM', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kit-announce-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', GATEWAY_ANNOUNCE_DIR: dir },
    stdio: 'ignore'
  })
  t.teardown(() => child.kill('SIGKILL'))

  const file = await waitFor(() => readdirSync(dir).find((f) => f.endsWith('.json')))
  t.match(file, /^demo-\d+\.json$/)
  const a = JSON.parse(readFileSync(join(dir, file), 'utf8'))
  const port = Number(/-(\d+)\.json$/.exec(file)![1])
  t.same(a, { service: 'demo', prefix: '/demo', url: `http://127.0.0.1:${port}`, instance: a.instance, pid: child.pid })
  const res = await fetch(`${a.url}/health`)
  t.equal(res.status, 200, 'the announced URL answers')

  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  t.equal(code, 0)
  t.notOk(existsSync(join(dir, file)), 'the announcement is gone')
})
