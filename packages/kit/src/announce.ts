import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DATA_DIR } from './paths.js'

/**
 * What an instance tells the gateway about itself: one JSON file per instance in the
 * announce directory, which the gateway process (packages/stack/src/gateway.ts) turns into
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

/** Where instances announce and the gateway process looks, unless GATEWAY_ANNOUNCE_DIR says otherwise. */
export const DEFAULT_ANNOUNCE_DIR = join(DATA_DIR, 'gateway', 'instances')

/** GATEWAY_ANNOUNCE_DIR if set (empty turns announcing off), else the default directory. */
export function resolveAnnounceDir (setting: string | undefined): string | undefined {
  if (setting === undefined) return DEFAULT_ANNOUNCE_DIR
  return setting === '' ? undefined : resolve(setting)
}

/** The URL the gateway should use for a listener bound to `host`. */
export function announcedUrl (host: string, port: number): string {
  if (host === '0.0.0.0' || host === '' || host === 'localhost') return `http://127.0.0.1:${port}`
  if (host === '::') return `http://[::1]:${port}`
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`
}

export function announcementFile (dir: string, service: string, port: number): string {
  return join(dir, `${service}-${port}.json`)
}

/** Writes the announcement atomically (the gateway never reads half a file); returns its path. */
export function announce (dir: string, a: Announcement, port: number): string {
  mkdirSync(dir, { recursive: true })
  const file = announcementFile(dir, a.service, port)
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(a) + '\n')
  renameSync(tmp, file)
  return file
}

export function withdraw (file: string): void {
  rmSync(file, { force: true })
}

function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The instances announced in `dir`. An announcement whose process is gone (killed with -9,
 * so it could not withdraw) is skipped; an instance restarted on the same port rewrites it.
 */
export function readAnnouncements (dir: string): Announcement[] {
  let files: string[]
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  } catch {
    return []
  }
  const found: Announcement[] = []
  for (const f of files) {
    try {
      const a = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Announcement
      if (typeof a.url === 'string' && typeof a.prefix === 'string' && alive(a.pid)) found.push(a)
    } catch {
      // withdrawn between readdir and read: not an instance any more
    }
  }
  return found
}
