// A layout build killed (SIGKILL, no cleanup: like a crash or a power cut) at any point leaves
// the old layout or the new one, whole, never a mix: opening the folder afterwards finds one of
// the two data sets, and verify finds no fault.
import { test } from 'tap'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openLayout, verifyLayout } from '@platform/stats/layout'
import { runCli } from './cli.js'

const populate = fileURLToPath(new URL('../stats/populate.ts', import.meta.url))

interface DataSet { users: number; games: number; seed: number }
// Over THREADED_ROWS (users + games), so the shard files are written on writer threads.
const A: DataSet = { users: 20_000, games: 200_000, seed: 1 }
const B: DataSet = { users: 21_000, games: 200_000, seed: 2 }
const args = (d: DataSet, out: string) => ['--users', String(d.users), '--games', String(d.games), '--seed', String(d.seed), '--out', out, '--force']

/** Runs populate, killing it after `killAfterMs` (if still running) or at a named step; resolves when it is gone. */
function run (d: DataSet, out: string, killAfterMs?: number, env: Record<string, string> = {}): Promise<{ killed: boolean; ms: number }> {
  const started = Date.now()
  const child = spawn(process.execPath, ['--import', 'tsx', populate, ...args(d, out)], { env: { ...process.env, ...env }, stdio: 'ignore' })
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
  return new Promise((resolve) => child.on('exit', (_code, signal) => {
    clearTimeout(timer)
    resolve({ killed: signal === 'SIGKILL', ms: Date.now() - started })
  }))
}

/** What opening the folder finds, as a stats instance opens it. */
function contents (out: string): { users: number; games: number } {
  const layout = openLayout(out, 3)
  try {
    const users = (layout.usersDb.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n
    const games = layout.shards.dbs.reduce((n, db) => n + (db.prepare('SELECT count(*) AS n FROM games').get() as { n: number }).n, 0)
    return { users, games }
  } finally {
    layout.close()
  }
}

const same = (c: { users: number; games: number }, d: DataSet) => c.users === d.users && c.games === d.games

test('a build killed at a random point leaves the old layout or the new one, never a mix', async (t) => {
  const out = join(t.testdir({}), 'shards')
  const full = await run(A, out)
  t.notOk(full.killed)
  let current = A
  const outcomes: string[] = []
  for (let i = 0; i < 6; i++) {
    const target = current === A ? B : A
    // From the CLI's start-up to past its end: the kill lands in start-up, generation, the
    // writes, the commit or the cleanup.
    const delay = Math.round(full.ms * (0.4 + Math.random()))
    const { killed } = await run(target, out, delay)
    const found = contents(out)
    const which = same(found, current) ? 'old' : same(found, target) ? 'new' : 'MIX'
    outcomes.push(`${delay} ms: ${killed ? 'killed' : 'finished'}, ${which}`)
    t.not(which, 'MIX', `after a kill at ${delay} ms the folder holds one whole data set (found ${JSON.stringify(found)})`)
    t.same(verifyLayout(out).faults, [], 'and it verifies')
    if (which === 'new') current = target
  }
  t.comment(outcomes.join('; '))
})

test('a build killed at each step of the swap leaves the old layout before the commit and the new one after', async (t) => {
  const out = join(t.testdir({}), 'shards')
  t.equal((await run(A, out)).killed, false)
  let current = A
  for (const [step, expect] of [['locked', 'old'], ['written', 'old'], ['committed', 'new'], ['cleaned', 'new']] as const) {
    const target = current === A ? B : A
    t.ok((await run(target, out, undefined, { STATS_BUILD_KILL_AT: step })).killed, `killed at ${step}`)
    const found = contents(out)
    t.ok(same(found, expect === 'old' ? current : target), `killed at ${step}: the ${expect} layout (found ${JSON.stringify(found)})`)
    t.same(verifyLayout(out).faults, [], `killed at ${step}: it verifies`)
    if (expect === 'new') current = target
  }
  t.equal(runCli('stats/populate.ts', args(A, out)).status, 0, 'the next build cleans up and goes through')
  t.same(verifyLayout(out).notes, [], 'no leftovers after it')
})

test('a first build killed before its commit leaves an empty folder an instance opens as an empty layout', async (t) => {
  const out = join(t.testdir({}), 'shards')
  t.ok((await run(A, out, undefined, { STATS_BUILD_KILL_AT: 'written' })).killed)
  t.same(contents(out), { users: 0, games: 0 })
})
