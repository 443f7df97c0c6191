import { test } from 'tap'
import { describeFormation, parseFormation, parseProcfile, planFormation } from '../src/procfile.js'

const procfile = parseProcfile(`# the platform
stats: node --import tsx apps/stats/src/server.ts
docs: node --import tsx apps/docs/src/server.ts

traefik: node --import tsx packages/stack/src/gateway.ts
posts: node --import tsx apps/posts/src/server.ts
redis: exec sh scripts/redis-server.sh  # part: not an HTTP service
registry: node --import tsx apps/registry/src/server.ts
`)

test('parseProcfile reads name: command lines, skipping comments and blanks', async (t) => {
  t.same(procfile.map((p) => p.name), ['stats', 'docs', 'traefik', 'posts', 'redis', 'registry'])
  t.equal(procfile[0]!.command, 'node --import tsx apps/stats/src/server.ts')
  t.same(procfile.filter((p) => p.part).map((p) => p.name), ['redis'], 'a line ending in "# part" is a part of the formation')
  t.notOk(parseProcfile("x: echo '# partly'").at(0)!.part, 'a # inside the command is not the mark')
  t.throws(() => parseProcfile('stats node x'), /line 1 is not "name: command"/)
  t.throws(() => parseProcfile('a: x\na: y'), /lists a twice/)
})

test('parseFormation follows foreman: listed types, all=N for the rest, the gateway and the registry always once', async (t) => {
  t.same(Object.fromEntries(parseFormation(undefined, procfile)), { stats: 3, docs: 1, traefik: 1, posts: 1, redis: 1, registry: 1 }, 'default')
  t.same(Object.fromEntries(parseFormation('stats=5', procfile)), { stats: 5, docs: 0, traefik: 1, posts: 0, redis: 0, registry: 1 })
  t.same(Object.fromEntries(parseFormation('all=1,stats=5', procfile)), { stats: 5, docs: 1, traefik: 1, posts: 1, redis: 1, registry: 1 })
  t.same(Object.fromEntries(parseFormation('stats=2,traefik=0,registry=0', procfile)), { stats: 2, docs: 0, traefik: 1, posts: 0, redis: 0, registry: 1 }, 'the gateway and the registry cannot be left out')
  t.throws(() => parseFormation('votes=1', procfile), /no process type "votes" in the Procfile/)
  t.throws(() => parseFormation('stats=three', procfile), /"stats=three" is not name=count/)
})

test('planFormation numbers ports as Ruby foreman does, the registry at its own port', async (t) => {
  const plan = planFormation(procfile, parseFormation('stats=3,docs=1,posts=2,redis=1', procfile), 5000, 9997)
  t.same(
    plan.map((p) => `${p.name}:${p.port}`),
    ['stats.1:5000', 'stats.2:5001', 'stats.3:5002', 'docs.1:5100', 'traefik.1:5200', 'posts.1:5300', 'posts.2:5301', 'redis.1:5400', 'registry.1:9997']
  )
  t.same(plan.filter((p) => p.part).map((p) => p.name), ['redis.1'], 'the plan knows which are parts')
  t.equal(describeFormation(parseFormation('stats=3,docs=1', procfile)), 'stats x3, docs x1, registry x1')
})
