// The runner's side of the one log: every process's output kept in its own file,
// <dataDir>/logs/<process>.log (stats.2.log), rotated by size, one JSON object a line; and
// formation.json, which says when the formation started and where the gateway's access log is,
// so `pnpm logs` finds everything of the running (or last) formation.
import { writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createStream, type RotatingFileStream } from 'rotating-file-stream'

/** pino's levels: the numbers in every log line. */
export const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 }

/** `warn` or `40` to 40; throws naming the choices. */
export function parseLevel (value: string): number {
  const n = LEVELS[value.toLowerCase()] ?? (/^\d+$/.test(value) ? Number(value) : undefined)
  if (n === undefined) throw new Error(`level must be one of ${Object.keys(LEVELS).join(', ')} (or a number), not "${value}"`)
  return n
}

export const LOGS_FOLDER = 'logs'
export const FORMATION_FILE = 'formation.json'
/** The runner's own lines (restarts, crash loops) go to stack.log. */
export const RUNNER_SOURCE = 'stack'

export interface LogFileSettings {
  /** Rotate a process's file when it reaches this size: rotating-file-stream's syntax, `10M`. */
  size: string
  /** How many rotated files of each process to keep (`stats.1.log.1` newest ... `.N` oldest). */
  keep: number
}

export const DEFAULT_LOG_FILES: LogFileSettings = { size: '10M', keep: 5 }

/** What formation.json holds. */
export interface FormationInfo {
  /** When the runner started this formation (epoch ms): `pnpm logs` shows lines from then on. */
  started_at: number
  runner_pid: number
  /** Traefik's access log (the gateway writes it itself; rotated by the gateway process). */
  access_log: string
  processes: string[]
}

// A pino line starts this way (level and time first, then the base fields); so do the lines
// the runner wraps. The level comes out without parsing the whole line.
const PINO_START = /^\{"level":(\d+),"time":\d+[,}]/

// eslint-disable-next-line no-control-regex
const COLOURS = /\x1b\[[0-9;]*m/g
// zerolog's console format, Traefik's own log: `2026-05-01T12:00:00Z WRN message key=value`.
const CONSOLE_LEVEL = /^\S+ (TRC|DBG|INF|WRN|ERR|FTL|PNC) /
const CONSOLE_LEVELS: Record<string, number> = { TRC: 10, DBG: 20, INF: 30, WRN: 40, ERR: 50, FTL: 60, PNC: 60 }

/**
 * One line a process printed, as it goes into its file: a pino line as it is; anything else
 * (Traefik's own log, Redis, a stack trace on stderr) wrapped into a line of the same shape,
 * timed when the runner read it, without terminal colours, at the level it names (Traefik's
 * `WRN`), else info (stdout) or warn (stderr).
 */
export function fileLine (line: string, source: { name: string, type: string }, stream: 'stdout' | 'stderr', now = Date.now()): { text: string, level: number } {
  const pino = PINO_START.exec(line)
  if (pino) return { text: line, level: Number(pino[1]) }
  const msg = line.replace(COLOURS, '')
  const named = CONSOLE_LEVEL.exec(msg)?.[1]
  const level = named ? CONSOLE_LEVELS[named]! : stream === 'stderr' ? LEVELS.warn! : LEVELS.info!
  const text = JSON.stringify({ level, time: now, service: source.type, instance: source.name, stream, msg })
  return { text, level }
}

/** One process's log file, rotated classically: `<name>.log`, then `<name>.log.1` (newest rotated) up to `.<keep>`. */
export function openLogFile (dir: string, name: string, settings: LogFileSettings): RotatingFileStream {
  const stream = createStream((index) => (index ? `${name}.log.${index as number}` : `${name}.log`), {
    path: dir,
    size: settings.size as `${number}M`,
    rotate: settings.keep
  })
  // A full disk must not take the formation down: the terminal still shows everything.
  stream.on('error', (err) => process.stderr.write(`stack: cannot write ${join(dir, name)}.log: ${err.message}\n`))
  return stream
}

/** The log files of one formation: one per process, made on first use, closed together. */
export class FormationLogs {
  private readonly files = new Map<string, RotatingFileStream>()
  private closed = false

  constructor (readonly dir: string, private readonly settings: LogFileSettings) {}

  static async open (dir: string, settings: LogFileSettings, info: FormationInfo): Promise<FormationLogs> {
    await mkdir(dir, { recursive: true })
    writeFileSync(join(dir, FORMATION_FILE), JSON.stringify(info, null, 2) + '\n')
    return new FormationLogs(dir, settings)
  }

  /** Appends one line (already in file form) to the process's file. */
  write (name: string, text: string): void {
    if (this.closed) return
    let file = this.files.get(name)
    if (!file) {
      file = openLogFile(this.dir, name, this.settings)
      this.files.set(name, file)
    }
    file.write(text + '\n')
  }

  /** Flushes and closes every file; resolves once all are closed. */
  async close (): Promise<void> {
    this.closed = true
    await Promise.all([...this.files.values()].map((f) => new Promise<void>((resolve) => {
      if (f.destroyed || f.closed) return resolve()
      f.once('close', () => resolve())
      f.once('error', () => resolve())
      f.end()
    })))
    this.files.clear()
  }
}
