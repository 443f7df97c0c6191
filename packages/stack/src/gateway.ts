/**
 * The `traefik` process of the Procfile: runs Traefik with traefik.toml, its ports and paths set
 * for this formation. The routes come from the service registry (Traefik's HTTP provider polls
 * GET /registry/traefik every second), so the gateway routes to the instances actually running,
 * whoever started them and however the ports were numbered; when the registry is away Traefik
 * keeps its last configuration. Its own $PORT (foreman gives one to every process) is not used:
 * the gateway listens on GATEWAY_PORT (9999).
 *
 *   node --conditions=compiled packages/stack/dist/gateway.js   (after `pnpm build`)
 *
 * Environment: GATEWAY_PORT (9999), GATEWAY_API_PORT (9998, loopback), REGISTRY_URL
 * (http://127.0.0.1:9997), GATEWAY_WORK_DIR (data/gateway: derived static config, access log), TRAEFIK_BIN,
 * GATEWAY_ACCESS_LOG_SIZE (10M: the access log is rotated past it) and GATEWAY_ACCESS_LOG_KEEP (5 rotated files).
 */
import { execFileSync, spawn } from 'node:child_process'
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DATA_DIR, REPO_ROOT } from '@platform/kit'
import { parseSize, rotateWhenLarge } from './access-log.js'
import { deriveStaticConfig } from './static-config.js'

export interface GatewayOptions {
  root: string
  port: number
  apiPort: number
  registryUrl: string
  workDir: string
  traefikBin: string
  /** The access log (<workDir>/access.log) is rotated past this many bytes, keeping this many old files. */
  accessLogMaxBytes: number
  accessLogKeep: number
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
    registryUrl: env.REGISTRY_URL || 'http://127.0.0.1:9997',
    workDir: resolve(root, env.GATEWAY_WORK_DIR || join(DATA_DIR, 'gateway')),
    traefikBin: env.TRAEFIK_BIN || findTraefik(root, env.PATH ?? ''),
    accessLogMaxBytes: parseSize(env.GATEWAY_ACCESS_LOG_SIZE || '10M'),
    accessLogKeep: count('GATEWAY_ACCESS_LOG_KEEP', env.GATEWAY_ACCESS_LOG_KEEP, 5)
  }
}

function count (name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, not ${value}`)
  return Number(value)
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

export async function runGateway (o: GatewayOptions): Promise<number> {
  mkdirSync(o.workDir, { recursive: true })
  const staticFile = join(o.workDir, 'static.toml')
  const accessLog = join(o.workDir, 'access.log')
  writeFileSync(
    staticFile,
    deriveStaticConfig(readFileSync(join(o.root, 'traefik.toml'), 'utf8'), {
      webAddress: `:${o.port}`,
      apiAddress: `127.0.0.1:${o.apiPort}`,
      fileProviderDir: join(o.root, 'traefik'),
      httpProviderEndpoint: `${o.registryUrl}/registry/traefik`,
      accessLog,
      dashboard: hasDashboard(o.traefikBin)
    })
  )
  const traefik = spawn(o.traefikBin, [`--configFile=${staticFile}`], { cwd: o.root, stdio: 'inherit' })
  const stopRotating = rotateWhenLarge({ file: accessLog, maxBytes: o.accessLogMaxBytes, keep: o.accessLogKeep, reopen: () => traefik.kill('SIGUSR1') })
  let stopping = false
  const stop = () => {
    stopping = true
    stopRotating()
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
      stopRotating()
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
