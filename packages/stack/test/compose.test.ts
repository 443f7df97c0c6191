// The deployment on paper (compose.yaml, Dockerfile), checked without a container engine: it
// follows the Procfile (a new process line fails here until compose.yaml has it), the default
// formation's counts, traefik.toml, and names only files that exist.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from '@platform/kit'
import { COMPOSE_TRAEFIK_FILE, composeTraefikConfig } from '../src/compose.js'
import { GATEWAY_TYPE, parseFormation, readProcfile, REGISTRY_TYPE } from '../src/procfile.js'
import { tempDir } from '../src/testing.js'

interface ComposeService {
  image?: string
  build?: unknown
  command?: string[]
  environment?: Record<string, string>
  volumes?: string[]
  deploy?: { replicas?: number }
}

const types = readProcfile(join(REPO_ROOT, 'Procfile'))
const formation = parseFormation(undefined, types)
const compose = parse(readFileSync(join(REPO_ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> }
const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8')
const IMAGE = 'wordle-platform'

// The Procfile's parts (`# part` lines) and the official images that stand in for them.
const PART_IMAGES: Record<string, RegExp> = { redis: /^redis:\d/ }

t.test('every Procfile process type is a compose service running the same command', async (t) => {
  for (const type of types) {
    const service = compose.services[type.name]
    if (!t.ok(service, `the Procfile's ${type.name} line has a service in compose.yaml`)) continue
    if (type.name === GATEWAY_TYPE) {
      t.match(service!.image, /^traefik:v3\.6\./, 'traefik: the official image')
      t.same(service!.command, ['--configFile=/etc/traefik/traefik.toml'])
      t.same(service!.volumes, [`./${COMPOSE_TRAEFIK_FILE}:/etc/traefik/traefik.toml:ro`, './traefik:/etc/traefik/dynamic:ro'])
    } else if (type.part) {
      t.match(service!.image, PART_IMAGES[type.name] ?? /^[a-z0-9]+:[\w.-]+$/, `${type.name}: an official image`)
      t.notOk(service!.build, `${type.name}: not built here`)
    } else {
      t.same(service!.command, [type.command], `${type.name}: the Procfile's command`)
      t.equal(service!.image, IMAGE, `${type.name}: the platform's image`)
      t.equal(service!.build, '.')
    }
    t.equal(service!.deploy?.replicas ?? 1, formation.get(type.name), `${type.name}: as many as pnpm start runs`)
  }
})

t.test('the services find the registry by its name and register their own address', async (t) => {
  for (const type of types.filter((x) => x.name !== GATEWAY_TYPE && !x.part)) {
    const env = compose.services[type.name]?.environment ?? {}
    t.equal(env.REGISTRY_URL, 'http://registry:9997', type.name)
    t.equal(env.HOST, 'auto', `${type.name}: listens where the gateway reaches it`)
    t.ok(compose.services[type.name]?.volumes?.includes('data:/app/data'), `${type.name}: its data in the data volume`)
  }
  t.equal(compose.services[REGISTRY_TYPE]?.environment?.REGISTRY_PORT, '9997')
  t.equal(compose.services.likes?.environment?.REDIS_URL, 'redis://redis:6379', 'likes uses the redis service')
  t.ok(compose.services.rabbitmq?.image?.startsWith('rabbitmq:'), 'RabbitMQ: the official image')
  t.same(Object.keys(compose.services).filter((s) => !types.some((x) => x.name === s)).sort(), ['prepare', 'rabbitmq'], 'nothing else beyond the Procfile')
})

t.test('every command names files that exist', async (t) => {
  for (const [name, service] of Object.entries(compose.services)) {
    if (service.image !== IMAGE) continue
    for (const path of (service.command ?? []).join(' ').split(/\s+/).filter((w) => /^[\w.-]+\/[\w./-]+$/.test(w))) {
      t.ok(existsSync(join(REPO_ROOT, path)), `${name}: ${path}`)
    }
  }
})

t.test(`${COMPOSE_TRAEFIK_FILE} is traefik.toml with the container's values`, async (t) => {
  const stale = readFileSync(join(REPO_ROOT, COMPOSE_TRAEFIK_FILE), 'utf8') !== composeTraefikConfig()
  t.notOk(stale, `${COMPOSE_TRAEFIK_FILE} is up to date (else: pnpm compose:traefik)`)
  t.match(composeTraefikConfig(), /endpoint = "http:\/\/registry:9997\/registry\/traefik"/)
})

/** The Dockerfile's instructions, continuation lines joined, heredoc bodies apart. */
function instructions (text: string): { words: string[], heredoc?: string }[] {
  const out: { words: string[], heredoc?: string }[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!
    if (/^\s*(#|$)/.test(line)) continue
    while (line.endsWith('\\')) line = line.slice(0, -1) + ' ' + lines[++i]!
    const words = line.trim().split(/\s+/)
    const marker = /<<'?(\w+)'?/.exec(line)?.[1]
    let heredoc: string | undefined
    if (marker) {
      const body: string[] = []
      while (lines[++i] !== marker) body.push(lines[i]!)
      heredoc = body.join('\n') + '\n'
    }
    out.push({ words, heredoc })
  }
  return out
}

t.test('the Dockerfile: stages defined before use, copied files exist and are not ignored', async (t) => {
  const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))
  const stages = new Set<string>()
  let copies = 0
  for (const { words } of instructions(dockerfile)) {
    const [op, ...args] = words
    if (op === 'FROM') {
      const as = args.findIndex((a) => a.toUpperCase() === 'AS')
      if (as >= 0) stages.add(args[as + 1]!)
    }
    if (op !== 'COPY' && op !== 'ADD') continue
    const from = args.find((a) => a.startsWith('--from='))?.slice('--from='.length)
    if (from) {
      t.ok(stages.has(from), `COPY --from=${from}: a stage above`)
      continue
    }
    const paths = args.filter((a) => !a.startsWith('--'))
    if (paths[0]?.startsWith('<<')) continue // a heredoc: the file is in the Dockerfile
    for (const src of paths.slice(0, -1)) {
      copies++
      t.ok(existsSync(join(REPO_ROOT, src)), `COPY ${src}: exists`)
      t.notOk(ignored.includes(src), `COPY ${src}: not in .dockerignore`)
    }
  }
  t.ok(copies >= 4, 'the lockfile, workspace, .npmrc and the source')
  t.same([...stages], ['build', 'run'])
  for (const needed of ['node_modules', 'data', '.tools']) t.ok(ignored.some((i) => i === needed || i === `**/${needed}`), `.dockerignore leaves out ${needed}`)
  const pnpm = /^ARG PNPM_VERSION=(.+)$/m.exec(dockerfile)?.[1]
  t.equal(`pnpm@${pnpm}`, JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).packageManager, 'the pinned pnpm')
})

t.test('the entrypoint runs a Procfile command with HOST set to the container\'s own address', async (t) => {
  const entry = instructions(dockerfile).find((i) => i.heredoc && i.words.includes('/usr/local/bin/procfile-command'))
  if (!t.ok(entry, 'the script is in the Dockerfile')) return
  t.match(dockerfile, /^ENTRYPOINT \["procfile-command"\]$/m)
  const script = join(tempDir(t, 'entry-'), 'procfile-command')
  writeFileSync(script, entry!.heredoc!)
  const run = (env: Record<string, string>, ...args: string[]) => spawnSync('sh', [script, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH!, ...env } })
  t.match(run({ HOST: 'auto' }, 'exec echo "$HOST"').stdout.trim(), /^[\d.:a-f]+$/, 'auto: an address of this host')
  t.equal(run({}, 'exec echo "$HOST"').stdout.trim(), run({ HOST: 'auto' }, 'exec echo "$HOST"').stdout.trim(), 'auto by default')
  t.equal(run({ HOST: '0.0.0.0' }, 'exec echo "$HOST"').stdout.trim(), '0.0.0.0', 'a given HOST is kept')
  t.equal(run({}, 'exec', 'echo', 'split', 'words').stdout.trim(), 'split words', 'words given apart are one command')
  t.equal(run({}).status, 2, 'no command: usage')
})
