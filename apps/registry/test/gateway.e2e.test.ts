// The registry feeds the real gateway: a formation of two stats instances, docs and the registry
// behind Traefik. When the registry is away Traefik keeps routing with its last configuration;
// back, it has forgotten nothing (registrations are stored).
import t from 'tap'
import { routedServers } from '@platform/stack/ready'
import { hit, sleep, startTestStack, type Outcome } from '@platform/stack/testing'

t.setTimeout(180_000)

const stack = await startTestStack({ formation: 'stats=2,docs=1' })
t.teardown(async () => {
  if (!t.passing()) t.comment(`formation log:\n${stack.lines.slice(-40).join('\n')}`)
  await stack.stop()
})
const registry = stack.child('registry.1')
const registryUrl = `http://127.0.0.1:${registry.spec.env.PORT}`

async function streamFor (ms: number): Promise<Outcome[]> {
  const until = Date.now() + ms
  const outcomes: Outcome[] = []
  while (Date.now() < until) outcomes.push(await hit(`${stack.baseUrl}/stats/leaderboards/wins`))
  return outcomes
}

/** The registrations, asked as a client does: a 503 (a registry shedding load after a stall) is retried. */
const registered = async (): Promise<string[]> => {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${registryUrl}/registry/instances`).catch(() => undefined)
    if (res?.status === 200) {
      return ((await res.json()) as { instances: { service: string, url: string }[] }).instances.map((i) => `${i.service} ${i.url}`).sort()
    }
    if (attempt === 50) throw new Error(`the registry did not answer: ${res?.status}`)
    await sleep(200)
  }
}

t.test('every instance of the formation registered itself, and the gateway routes what the registry serves', async (t) => {
  t.same((await registered()).map((r) => r.split(' ')[0]), ['docs', 'registry', 'stats', 'stats'])
  const routed = await routedServers(stack.apiUrl)
  t.equal(routed.get('stats')?.length, 2)
  t.equal((await hit(`${stack.baseUrl}/registry/health?service=stats`)).status, 200, 'the registry reads through the gateway')
  const write = await hit(`${stack.baseUrl}/registry/instances`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  t.equal(write.status, 404, 'registrations are not taken through the gateway (loopback only)')
})

t.test('a registry that stops answering changes nothing: Traefik keeps its last configuration', async (t) => {
  const before = await registered()
  registry.proc!.kill('SIGSTOP')
  const outcomes = await streamFor(5000)
  registry.proc!.kill('SIGCONT')
  t.ok(outcomes.length > 50, `${outcomes.length} requests while the registry was frozen`)
  t.same(outcomes.filter((o) => o.status !== 200), [], 'every one routed')
  t.same(await registered(), before)
})

t.test('a registry killed and started again has forgotten nothing', async (t) => {
  const before = await registered()
  const pid = registry.pid
  registry.signal('SIGKILL')
  const outcomes = await streamFor(3000)
  for (let i = 0; i < 100 && (registry.pid === pid || !registry.running); i++) await sleep(100)
  t.not(registry.pid, pid, 'the runner started it again')
  t.same(outcomes.filter((o) => o.status !== 200), [], `${outcomes.length} requests routed meanwhile`)
  t.same(await registered(), before, 'the same instances, read back from its database')
  await stack.waitRouted(30_000)
  t.pass('and the gateway routes every instance')
})
