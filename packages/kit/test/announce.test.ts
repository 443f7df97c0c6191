import { test } from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { resolveAnnounceDir, DEFAULT_ANNOUNCE_DIR } from '../src/index.js'

const fixture = fileURLToPath(new URL('./fixtures/announcing-service.ts', import.meta.url))

async function waitFor<T>(probe: () => T | undefined, ms = 10_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 50))
  }
}

test('resolveAnnounceDir', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'kit-announce-'))
  t.teardown(() => rmSync(root, { recursive: true, force: true }))
  t.equal(resolveAnnounceDir('gw/instances', root), join(root, 'gw/instances'), 'a set directory is used, resolved')
  t.equal(resolveAnnounceDir('', root), undefined, 'empty turns announcing off')
  t.equal(resolveAnnounceDir(undefined, root), undefined, 'outside the repository root nothing is announced')
  writeFileSync(join(root, 'traefik.toml'), '')
  t.equal(resolveAnnounceDir(undefined, root), join(root, DEFAULT_ANNOUNCE_DIR), 'from the repository root: the default directory')
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
