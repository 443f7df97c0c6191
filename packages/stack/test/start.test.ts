// `pnpm start` as a user runs it, stopped as a terminal's Ctrl-C or a `kill` stops it.
import t from 'tap'
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { REPO_ROOT } from '@platform/kit'
import { pnpmCommand } from '../src/pnpm.js'
import { childEnv, freeStackPorts, hit, sleep, tempDir } from '../src/testing.js'

t.setTimeout(180_000)

/** Every live process whose command line mentions `marker`. */
function processesMentioning (marker: string): number[] {
  const found: number[] = []
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) found.push(Number(pid))
    } catch {
      // gone meanwhile
    }
  }
  return found
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

interface Started {
  pnpm: ChildProcess
  url: string
  pids: number[]
  output: string[]
  exited: Promise<number | null>
}

async function pnpmStart (t: { teardown(fn: () => void): void }, workDir: string, formation: string): Promise<Started> {
  const { port, apiPort, registryPort, basePort } = await freeStackPorts(3, 3)
  const [cmd, pre] = pnpmCommand(REPO_ROOT)
  const args = [...pre, 'start', '--formation', formation, '--port', String(port), '--api-port', String(apiPort),
    '--registry-port', String(registryPort), '--base-port', String(basePort), '--work-dir', workDir, '--data-dir', join(workDir, 'data'), '--no-prepare']
  // Its own process group, like a shell job: a Ctrl-C reaches every process of the group.
  const pnpm = spawn(cmd, args, { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv({ LOG_LEVEL: 'warn', SHARDS_DIR: join(workDir, 'shards') }) })
  t.teardown(() => {
    try {
      process.kill(-pnpm.pid!, 'SIGKILL')
    } catch {
      // the group is gone: as it should be
    }
  })
  const output: string[] = []
  const exited = new Promise<number | null>((resolve) => pnpm.on('exit', (code) => resolve(code)))
  const ready = new Promise<void>((resolve, reject) => {
    for (const s of [pnpm.stdout!, pnpm.stderr!]) {
      createInterface({ input: s }).on('line', (line) => {
        output.push(line)
        if (line.startsWith('ready: ')) resolve()
      })
    }
    void exited.then(() => reject(new Error(`pnpm start exited:\n${output.join('\n')}`)))
  })
  await ready
  const pids = output.map((l) => /^stack: \S+ pid (\d+) /.exec(l)?.[1]).filter(Boolean).map(Number)
  return { pnpm, url: `http://localhost:${port}`, pids, output, exited }
}

t.test('Ctrl-C of pnpm start stops the whole formation and leaves no process behind', async (t) => {
  const workDir = tempDir(t, 'stack-start-')
  const s = await pnpmStart(t, workDir, 'stats=3,docs=1')
  t.equal(s.pids.length, 6, 'stats x3, docs, registry, traefik')
  t.equal((await hit(`${s.url}/stats/leaderboards/wins`)).status, 200, 'serving through the gateway')
  const traefik = processesMentioning(`${workDir}/static.toml`)
  t.equal(traefik.length, 1, 'traefik runs')
  t.ok(processesMentioning(workDir).length >= 3, 'pnpm, the runner, traefik')

  process.kill(-s.pnpm.pid!, 'SIGINT')
  await s.exited
  await sleep(200)
  t.ok(s.output.includes('stack: stopped'), 'the runner stopped everything itself')
  t.same([...s.pids, ...traefik].filter(alive), [], 'no instance left')
  t.same(processesMentioning(workDir), [], 'no pnpm, runner or traefik left')
})

t.test('SIGTERM to pnpm start stops the formation too', async (t) => {
  const workDir = tempDir(t, 'stack-start-')
  const s = await pnpmStart(t, workDir, 'stats=1')
  const traefik = processesMentioning(`${workDir}/static.toml`)
  process.kill(s.pnpm.pid!, 'SIGTERM')
  // pnpm exits at once; the runner notices its parent went and stops the rest.
  const until = Date.now() + 20_000
  const left = () => [...s.pids.filter(alive), ...processesMentioning(workDir)]
  while (left().length > 0 && Date.now() < until) await sleep(200)
  t.same(left(), [], 'no process left')
  t.equal(traefik.filter(alive).length, 0)
})
