/**
 * The `traefik` process of the Procfile: runs Traefik with traefik.toml and keeps its server
 * lists equal to the instances that announced themselves (see packages/kit/src/announce.ts),
 * so the gateway routes to the formation actually started, whoever started it and however
 * it numbered the ports. Its own $PORT (foreman gives one to every process) is not used:
 * the gateway listens on GATEWAY_PORT (9999).
 *
 *   node --import tsx packages/stack/src/gateway.ts
 *
 * Environment: GATEWAY_PORT (9999), GATEWAY_API_PORT (9998, loopback), GATEWAY_ANNOUNCE_DIR
 * (data/gateway/instances), GATEWAY_WORK_DIR (data/gateway), PROCFILE, TRAEFIK_BIN.
 */
import { execFileSync, spawn } from 'node:child_process'
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, watch, writeFileSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DATA_DIR, DEFAULT_ANNOUNCE_DIR, readAnnouncements, REPO_ROOT } from '@platform/kit'
import { GATEWAY_TYPE, readProcfile } from './procfile.js'
import { buildRoutes, deriveStaticConfig } from './traefik-config.js'

export interface GatewayOptions {
  root: string
  port: number
  apiPort: number
  announceDir: string
  workDir: string
  procfile: string
  traefikBin: string
}

export function gatewayOptionsFromEnv (env: NodeJS.ProcessEnv = process.env, root = REPO_ROOT): GatewayOptions {
  const port = (name: string, fallback: number) => {
    const v = Number(env[name] ?? fallback)
    if (!Number.isInteger(v) || v < 1 || v > 65535) throw new Error(`${name} must be a port number, not ${env[name]}`)
    return v
  }
  return {
    root,
    port: port('GATEWAY_PORT', 9999),
    apiPort: port('GATEWAY_API_PORT', 9998),
    announceDir: resolve(root, env.GATEWAY_ANNOUNCE_DIR || DEFAULT_ANNOUNCE_DIR),
    workDir: resolve(root, env.GATEWAY_WORK_DIR || join(DATA_DIR, 'gateway')),
    procfile: resolve(root, env.PROCFILE || 'Procfile'),
    traefikBin: env.TRAEFIK_BIN || findTraefik(root, env.PATH ?? '')
  }
}

/** traefik from PATH, else the pinned build of scripts/setup-tools.sh. */
export function findTraefik (root: string, path: string): string {
  for (const dir of [...path.split(delimiter).filter(Boolean), join(root, '.tools/bin')]) {
    const candidate = join(dir, 'traefik')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  throw new Error('traefik not found: put a Traefik v3 release binary on PATH, or run scripts/setup-tools.sh')
}

/**
 * A Traefik built from the Go module source (scripts/setup-tools.sh) reports version "dev"
 * and has no dashboard assets: it would log an error at every reload. The API still works.
 */
function hasDashboard (bin: string): boolean {
  try {
    return !/^Version:\s+dev$/m.test(execFileSync(bin, ['version'], { encoding: 'utf8' }))
  } catch {
    return true
  }
}

/** Writes through a temporary name so Traefik's file watcher never loads half a file. */
function writeIfChanged (file: string, content: string): boolean {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return false
  writeFileSync(`${file}.tmp`, content)
  renameSync(`${file}.tmp`, file)
  return true
}

/** Brings the dynamic directory up to date: hand-written traefik/*.yml and the routes. */
export function syncDynamicConfig (o: GatewayOptions, expected: string[]): void {
  const dynamicDir = join(o.workDir, 'dynamic')
  mkdirSync(dynamicDir, { recursive: true })
  for (const f of readdirSync(join(o.root, 'traefik')).filter((f) => /\.ya?ml$/.test(f))) {
    writeIfChanged(join(dynamicDir, f), readFileSync(join(o.root, 'traefik', f), 'utf8'))
  }
  // JSON is YAML: Traefik's file provider reads it as such.
  const routes = JSON.stringify(buildRoutes(readAnnouncements(o.announceDir), expected), null, 2) + '\n'
  writeIfChanged(join(dynamicDir, 'routes.yml'), routes)
}

export async function runGateway (o: GatewayOptions): Promise<number> {
  mkdirSync(o.announceDir, { recursive: true })
  mkdirSync(o.workDir, { recursive: true })
  const expected = existsSync(o.procfile)
    ? readProcfile(o.procfile).filter((t) => t.name !== GATEWAY_TYPE && !t.part).map((t) => t.name)
    : []
  const staticFile = join(o.workDir, 'static.toml')
  const toml = readFileSync(join(o.root, 'traefik.toml'), 'utf8')
  writeFileSync(
    staticFile,
    deriveStaticConfig(toml, {
      webAddress: `:${o.port}`,
      apiAddress: `127.0.0.1:${o.apiPort}`,
      dynamicDir: join(o.workDir, 'dynamic'),
      accessLog: join(o.workDir, 'access.log'),
      dashboard: hasDashboard(o.traefikBin)
    })
  )
  const sync = () => {
    try {
      syncDynamicConfig(o, expected)
    } catch (err) {
      process.stderr.write(`gateway: ${(err as Error).message}\n`)
    }
  }
  sync()
  // Announcements appear and vanish: react at once, and poll to notice instances that died.
  const watcher = watch(o.announceDir, () => sync()).on('error', () => {
    // the directory went away: the 1 s poll carries on, and instances recreate it to announce
  })
  const timer = setInterval(sync, 1000)

  const traefik = spawn(o.traefikBin, [`--configFile=${staticFile}`], { cwd: o.root, stdio: 'inherit' })
  let stopping = false
  const stop = () => {
    stopping = true
    traefik.kill('SIGTERM')
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return new Promise((resolve) => {
    traefik.on('error', (err) => {
      process.stderr.write(`gateway: cannot run ${o.traefikBin}: ${err.message}\n`)
      resolve(1)
    })
    traefik.on('exit', (code, signal) => {
      watcher.close()
      clearInterval(timer)
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      if (!stopping) process.stderr.write(`gateway: traefik exited (${signal ?? code})\n`)
      resolve(stopping ? 0 : (code ?? 1))
    })
  })
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = await runGateway(gatewayOptionsFromEnv())
  } catch (err) {
    process.stderr.write(`gateway: ${(err as Error).message}\n`)
    process.exitCode = 1
  }
}
