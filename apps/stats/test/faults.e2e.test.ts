// Nothing lost: three stats instances behind the real gateway, a client streaming reads and
// writes, one instance killed with -9, then every instance restarted one by one. The client does
// what the README asks of clients: it retries a request whose answer was lost (a 502 from the
// gateway, a 503 with Retry-After, a dropped connection), which is safe because every stats write
// is safe to replay. It must see no failure, and every write it was told about must be there.
import t, { type Test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { startTestStack } from '@platform/stack/testing'

t.setTimeout(240_000)

const stack = await startTestStack({ formation: 'stats=3' })
t.teardown(async () => {
  if (!t.passing()) t.comment(`formation log:\n${stack.lines.slice(-60).join('\n')}`)
  await stack.stop()
})
const gw = stack.baseUrl

interface Reply { status: number, body: any }
const RETRYABLE = new Set([0, 502, 503])

/** One request as a careful client makes it: retried while the answer is lost or the instance busy. */
async function call (method: string, path: string, body: unknown, tally: { retries: number }): Promise<Reply> {
  for (let attempt = 1; ; attempt++) {
    let status = 0
    let text = ''
    try {
      const res = await fetch(`${gw}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000)
      })
      status = res.status
      text = await res.text()
    } catch {
      status = 0 // the connection dropped: the answer was lost
    }
    if (!RETRYABLE.has(status) || attempt === 8) return { status, body: text ? JSON.parse(text) : undefined }
    tally.retries++
    await sleep(100 * attempt)
  }
}

interface Written { userId: string, games: number[] }

/** `workers` clients, each registering a user and posting games, with reads in between. */
function streamOfClients (tag: string, workers: number, until: Promise<void>) {
  const tally = { requests: 0, retries: 0, failures: [] as string[] }
  const written: Written[] = []
  const state = { done: false }
  void until.then(() => (state.done = true))
  const worker = async (w: number) => {
    const reg = await call('POST', '/stats/users', { username: `${tag}-${w}` }, tally)
    tally.requests++
    if (reg.status !== 201 && reg.status !== 200) return tally.failures.push(`register: ${reg.status}`)
    const mine: Written = { userId: reg.body.user_id, games: [] }
    written.push(mine)
    for (let gameId = 1; !state.done; gameId++) {
      const day = `2022-${String(1 + (gameId % 12)).padStart(2, '0')}-${String(1 + (gameId % 28)).padStart(2, '0')}`
      const posted = await call('POST', '/stats/games', { user_id: mine.userId, game_id: gameId, finished: day, guesses: 1 + (gameId % 6), won: gameId % 4 !== 0 }, tally)
      const read = await call('GET', gameId % 2 ? `/stats/users/${mine.userId}` : '/stats/leaderboards/wins?limit=5', undefined, tally)
      tally.requests += 2
      if (posted.status === 201 || posted.status === 200) mine.games.push(gameId)
      else tally.failures.push(`POST game ${gameId}: ${posted.status} ${JSON.stringify(posted.body)}`)
      if (read.status !== 200) tally.failures.push(`read: ${read.status}`)
    }
  }
  const done = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)))
  return { tally, written, done }
}

/** Every acknowledged write is there, and each user's games are counted once. */
async function checkWritten (t: Test, written: Written[]) {
  let games = 0
  for (const w of written) {
    const stats = await call('GET', `/stats/users/${w.userId}`, undefined, { retries: 0 })
    t.equal(stats.body.gamesPlayed, w.games.length, `user ${w.userId}: every acknowledged game counted once`)
    for (const gameId of w.games) {
      const read = await call('GET', `/stats/users/${w.userId}/games/${gameId}`, undefined, { retries: 0 })
      if (read.status !== 200) t.fail(`game ${gameId} of ${w.userId} acknowledged but missing: ${read.status}`)
      games++
    }
  }
  return games
}

t.test('kill -9 of one of three instances under reads and writes: no failure, nothing lost', async (t) => {
  let stop!: () => void
  const until = new Promise<void>((resolve) => (stop = resolve))
  const run = streamOfClients('kill9', 4, until)
  await sleep(1500)
  const victim = stack.child('stats.2')
  victim.signal('SIGKILL')
  await victim.wait()
  await sleep(3000)
  stop()
  await run.done
  t.same(run.tally.failures, [], `no failure in ${run.tally.requests} requests (${run.tally.retries} retried by the client)`)
  const games = await checkWritten(t, run.written)
  t.ok(games > 20, `${games} acknowledged games, all present`)
  await stack.waitRouted(30_000)
})

t.test('a rolling restart of every instance under reads and writes: no failure, nothing lost', async (t) => {
  let stop!: () => void
  const until = new Promise<void>((resolve) => (stop = resolve))
  const run = streamOfClients('rolling', 4, until)
  await sleep(500)
  await stack.rollingRestart()
  stop()
  await run.done
  t.same(run.tally.failures, [], `no failure in ${run.tally.requests} requests (${run.tally.retries} retried by the client)`)
  const games = await checkWritten(t, run.written)
  t.ok(games > 20, `${games} acknowledged games, all present`)
})
