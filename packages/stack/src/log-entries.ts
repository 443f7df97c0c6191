// The reading side of the one log: a line of a process's file or of Traefik's access log as one
// entry (time, level, service, request id), the filters of `pnpm logs`, and its one-line format.
import { LEVELS } from './log-files.js'

/** The access log's lines are shown under this name (`--service gateway` or `--service traefik`). */
export const GATEWAY_SOURCE = 'gateway'

export type SourceKind = 'process' | 'access'

export interface Entry {
  /** Epoch milliseconds: pino's `time`; for the gateway, when it answered (start + duration). */
  time: number
  level: number
  /** The service that logged it (`stats`); `traefik` for the gateway. */
  service: string
  /** Where it was read: the process (`stats.2`), `gateway` (the access log) or `stack` (the runner). */
  source: string
  requestId?: string
  /** The line as it is in its file (`--json`). */
  raw: string
  fields: Record<string, unknown>
}

// The request and the response headers the access log keeps (traefik.toml, accessLog.fields.headers).
const REQUEST_ID_SENT = 'request_X-Request-Id'
const REQUEST_ID_ANSWERED = 'downstream_X-Request-Id'

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/** One line of a file of `source`; undefined for what is not a log line (a torn or foreign line). */
export function parseEntry (raw: string, source: string, kind: SourceKind): Entry | undefined {
  if (!raw.startsWith('{')) return undefined
  let fields: Record<string, unknown>
  try {
    fields = JSON.parse(raw) as Record<string, unknown>
  } catch {
    return undefined
  }
  if (fields === null || typeof fields !== 'object') return undefined
  if (kind === 'access') {
    const start = Date.parse(String(fields.StartUTC))
    if (Number.isNaN(start)) return undefined
    const status = Number(fields.DownstreamStatus)
    return {
      time: start + Number(fields.Duration ?? 0) / 1e6,
      level: status >= 500 ? LEVELS.error! : LEVELS.info!,
      service: 'traefik',
      source,
      // The id the service answered with (the client's, or the one it made up), else the client's.
      requestId: str(fields[REQUEST_ID_ANSWERED]) ?? str(fields[REQUEST_ID_SENT]),
      raw,
      fields
    }
  }
  if (typeof fields.time !== 'number') return undefined
  return {
    time: fields.time,
    level: typeof fields.level === 'number' ? fields.level : LEVELS.info!,
    service: str(fields.service) ?? source.replace(/\.\d+$/, ''),
    source,
    requestId: str(fields.request_id),
    raw,
    fields
  }
}

export interface Filter {
  /** Service names (`stats`) or process names (`stats.2`, `gateway`); any of them. */
  services?: string[]
  minLevel?: number
  requestId?: string
  /** Epoch ms: older entries are left out (the running formation's start). */
  since?: number
}

export function matches (e: Entry, f: Filter): boolean {
  if (f.since !== undefined && e.time < f.since) return false
  if (f.minLevel !== undefined && e.level < f.minLevel) return false
  if (f.requestId !== undefined && e.requestId !== f.requestId) return false
  if (f.services && f.services.length > 0 && !f.services.some((s) => s === e.service || s === e.source)) return false
  return true
}

const LEVEL_NAMES = new Map(Object.entries(LEVELS).map(([name, n]) => [n, name.toUpperCase()]))
const LEVEL_COLOURS: Record<string, string> = { TRACE: '90', DEBUG: '36', INFO: '32', WARN: '33', ERROR: '31', FATAL: '35' }

// Shown by the message itself, or left out as noise.
const SHOWN = new Set(['level', 'time', 'service', 'instance', 'request_id', 'msg', 'req', 'res', 'responseTime', 'err', 'pid', 'hostname', 'stream'])

function value (v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v)
  return JSON.stringify(v)
}

/** What the entry says, in one line: the message and what the request, response or error add. */
export function message (e: Entry): string {
  const f = e.fields
  if (e.source === GATEWAY_SOURCE) {
    const ms = (Number(f.Duration ?? 0) / 1e6).toFixed(1)
    const to = str(f.ServiceURL) ? ` -> ${f.ServiceURL as string}` : ' (no route)'
    const retries = Number(f.RetryAttempts ?? 0) > 0 ? ` retries=${f.RetryAttempts as number}` : ''
    return `${f.RequestMethod as string} ${f.RequestPath as string} ${f.DownstreamStatus as number} ${ms} ms${to}${retries}`
  }
  const parts = [typeof f.msg === 'string' ? f.msg : '']
  const req = f.req as { method?: string, url?: string } | undefined
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`)
  const res = f.res as { statusCode?: number } | undefined
  if (res?.statusCode !== undefined) parts.push(String(res.statusCode))
  if (typeof f.responseTime === 'number') parts.push(`${f.responseTime.toFixed(1)} ms`)
  const err = f.err as { type?: string, message?: string } | undefined
  if (err?.message) parts.push(`${err.type ?? 'Error'}: ${err.message}`)
  for (const [k, v] of Object.entries(f)) if (!SHOWN.has(k)) parts.push(`${k}=${value(v)}`)
  return parts.filter(Boolean).join(' ')
}

const pad2 = (n: number) => String(n).padStart(2, '0')

/** Local date and time of day: `2026-05-01`, `14:03:22.123`. */
export function localTime (ms: number): { day: string, clock: string } {
  const d = new Date(ms)
  return {
    day: `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`,
    clock: `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`
  }
}

/** `14:03:22.123 INFO  docs.1     [req-42] request completed 200 3.1 ms` */
export function formatEntry (e: Entry, colour = false): string {
  const name = LEVEL_NAMES.get(e.level) ?? `L${e.level}`
  const level = colour ? `\x1b[${LEVEL_COLOURS[name] ?? '0'}m${name.padEnd(5)}\x1b[0m` : name.padEnd(5)
  const id = e.requestId ? `[${e.requestId}] ` : ''
  return `${localTime(e.time).clock} ${level} ${e.source.padEnd(10)} ${id}${message(e)}`
}
