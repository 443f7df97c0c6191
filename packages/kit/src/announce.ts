import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * What an instance tells the gateway about itself: one JSON file per instance in the
 * announce directory, which the gateway process (scripts/stack/gateway.ts) turns into
 * Traefik's server lists. This is how the gateway learns the formation actually started,
 * whichever runner (ours, node-foreman, Ruby foreman) numbered the ports.
 */
export interface Announcement {
  service: string
  /** Path prefix the service owns at the gateway (`/stats`). */
  prefix: string
  /** Where the gateway reaches this instance. */
  url: string
  instance: string
  /** Lets the gateway drop the announcement of an instance that died without removing it. */
  pid: number
}

/** Where processes started from the repository root announce when nothing else is said. */
export const DEFAULT_ANNOUNCE_DIR = 'traefik/generated/instances'

/**
 * GATEWAY_ANNOUNCE_DIR if set (empty turns announcing off); otherwise the default directory
 * when the working directory is the repository root (it has traefik.toml), which is how
 * every Procfile line runs, under any foreman, with no extra environment.
 */
export function resolveAnnounceDir(setting: string | undefined, cwd = process.cwd()): string | undefined {
  if (setting !== undefined) return setting === '' ? undefined : resolve(cwd, setting)
  return existsSync(join(cwd, 'traefik.toml')) ? resolve(cwd, DEFAULT_ANNOUNCE_DIR) : undefined
}

/** The URL the gateway should use for a listener bound to `host`. */
export function announcedUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '' || host === 'localhost') return `http://127.0.0.1:${port}`
  if (host === '::') return `http://[::1]:${port}`
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`
}

export function announcementFile(dir: string, service: string, port: number): string {
  return join(dir, `${service}-${port}.json`)
}

/** Writes the announcement atomically (the gateway never reads half a file); returns its path. */
export function announce(dir: string, a: Announcement, port: number): string {
  mkdirSync(dir, { recursive: true })
  const file = announcementFile(dir, a.service, port)
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(a) + '\n')
  renameSync(tmp, file)
  return file
}

export function withdraw(file: string): void {
  rmSync(file, { force: true })
}
