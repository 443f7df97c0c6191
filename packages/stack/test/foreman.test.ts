// The Procfile under standard node-foreman (`nf`, npm package foreman): instances register with
// the registry, so Traefik routes to whatever ports nf gave them (command-line order).
import t from 'tap'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { REPO_ROOT } from '@platform/kit'
import { waitRouted } from '../src/ready.js'
import type { PlannedProcess } from '../src/procfile.js'
import { childEnv, countBy, freeStackPorts, hit, sleep, tempDir } from '../src/testing.js'

t.setTimeout(180_000)

t.test('nf start stats=3,registry=1,traefik=1 is routed, spread, and stopped by one SIGINT to nf', async (t) => {
  const dir = tempDir(t, 'stack-nf-')
  const { port, apiPort, registryPort, basePort: base } = await freeStackPorts(3, 3)
  const nf = join(createRequire(import.meta.url).resolve('foreman/package.json'), '../nf.js')
  const child = spawn(process.execPath, [nf, 'start', '-p', String(base), 'stats=3,registry=1,traefik=1'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: 'ignore',
    env: childEnv({
      LOG_LEVEL: 'warn',
      SHARDS_DIR: join(dir, 'shards'),
      GATEWAY_PORT: String(port),
      GATEWAY_API_PORT: String(apiPort),
      GATEWAY_WORK_DIR: join(dir, 'gateway'),
      DATA_DIR: join(dir, 'data'),
      REGISTRY_PORT: String(registryPort),
      REGISTRY_URL: `http://127.0.0.1:${registryPort}`
    })
  })
  t.teardown(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // already gone
    }
  })
  // nf numbers by command-line order: stats base+0..2 (traefik base+100, unused by it).
  const plan = [0, 1, 2].map((i) => ({ name: `stats.${i + 1}`, type: 'stats', port: base + i }) as PlannedProcess)
  await waitRouted(`http://127.0.0.1:${apiPort}`, plan, 90_000)

  const outcomes = []
  for (let i = 0; i < 30; i++) outcomes.push(await hit(`http://127.0.0.1:${port}/stats/leaderboards/wins`))
  t.same(outcomes.filter((o) => o.status !== 200), [])
  t.same(Object.values(countBy(outcomes, (o) => o.instance ?? '')), [10, 10, 10], 'three instances, ten each')

  // Not the group: only nf. Its SIGINT to each line's shell must reach the service (exec).
  process.kill(child.pid!, 'SIGINT')
  await new Promise((resolve) => child.on('exit', resolve))
  let left = true
  for (let i = 0; i < 50 && left; i++) {
    try {
      process.kill(-child.pid!, 0)
      await sleep(200)
    } catch {
      left = false
    }
  }
  t.notOk(left, 'no process of the formation is left')
})
