// Where the one log is read from, and how: every process's file and the access log, each with
// its rotated files, merged by time (each file is already in time order, so a k-way merge
// streams them without holding them), and followed by polling as they grow and rotate.
import { closeSync, createReadStream, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { GATEWAY_SOURCE, matches, parseEntry, type Entry, type Filter, type SourceKind } from './log-entries.js'
import { FORMATION_FILE, type FormationInfo } from './log-files.js'

export interface Source {
  /** `stats.2`, `gateway`, `stack`. */
  name: string
  kind: SourceKind
  /** Oldest first: the rotated files (`.N` ... `.1`), then the current one. */
  files: string[]
  /** The current file's path. */
  current: string
}

/** `x.log.3`, `x.log.2`, `x.log.1`, `x.log`: what exists of a file and its classical rotations. */
export function withRotations (current: string): string[] {
  const dir = dirname(current)
  const base = basename(current)
  const rotated = existsSync(dir)
    ? readdirSync(dir)
      .map((f) => (f.startsWith(`${base}.`) ? /^\d+$/.exec(f.slice(base.length + 1))?.[0] : undefined))
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => b - a)
      .map((n) => join(dir, `${base}.${n}`))
    : []
  return [...rotated, ...(existsSync(current) ? [current] : [])]
}

/** Every process's log in `logsDir` (`<name>.log`, with rotations), and the access log if given. */
export function findSources (logsDir: string, accessLog?: string): Source[] {
  const names = existsSync(logsDir) ? readdirSync(logsDir).map((f) => /^(.+)\.log(\.\d+)?$/.exec(f)?.[1]).filter((n): n is string => n !== undefined) : []
  const sources: Source[] = [...new Set(names)].sort().map((name) => {
    const current = join(logsDir, `${name}.log`)
    return { name, kind: 'process' as const, files: withRotations(current), current }
  })
  if (accessLog) sources.push({ name: GATEWAY_SOURCE, kind: 'access', files: withRotations(accessLog), current: accessLog })
  return sources.filter((s) => s.files.length > 0)
}

/** What formation.json says, if it is there (a formation started by `pnpm start` since the one log exists). */
export function readFormation (logsDir: string): FormationInfo | undefined {
  const file = join(logsDir, FORMATION_FILE)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FormationInfo) : undefined
}

/** Where each source's current file ends now: read up to there, then follow from there. */
export function endOffsets (sources: Source[]): Map<string, number> {
  const ends = new Map<string, number>()
  for (const s of sources) {
    try {
      ends.set(s.current, statSync(s.current).size)
    } catch {
      ends.set(s.current, 0)
    }
  }
  return ends
}

async function * entriesOf (source: Source, filter: Filter, ends?: Map<string, number>): AsyncGenerator<Entry> {
  for (const file of source.files) {
    const end = file === source.current ? ends?.get(file) : undefined
    if (end === 0) continue
    const input = createReadStream(file, end === undefined ? {} : { end: end - 1 })
    try {
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        const e = parseEntry(line, source.name, source.kind)
        if (e && matches(e, filter)) yield e
      }
    } catch (err) {
      // Rotated away between listing and reading: its lines are in the next file.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }
}

/**
 * The entries of every source passing `filter`, in time order. `ends` stops each current file
 * where it ended when listed, so a follower can go on from exactly there.
 */
export async function * merged (sources: Source[], filter: Filter, ends?: Map<string, number>): AsyncGenerator<Entry> {
  const iterators = sources.map((s) => entriesOf(s, filter, ends))
  const heads = await Promise.all(iterators.map((it) => it.next()))
  for (;;) {
    let best = -1
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!
      if (!h.done && (best < 0 || h.value.time < (heads[best]!.value as Entry).time)) best = i
    }
    if (best < 0) return
    yield heads[best]!.value as Entry
    heads[best] = await iterators[best]!.next()
  }
}

interface Tail {
  source: Source
  fd: number
  ino: number
  offset: number
  partial: string
}

const CHUNK = 1 << 20

/**
 * Follows every source from `ends` on: each poll reads what the files gained, notices a file
 * that was rotated (drains the old one, then reads the new one from its start) and files that
 * appeared (a process started since), and hands on the new entries passing `filter`, in time
 * order within the poll. Entries of different polls are in the order they were written.
 */
export class Follower {
  private readonly tails = new Map<string, Tail>()
  private retired: Tail[] = []
  private timer: NodeJS.Timeout | undefined

  constructor (
    private readonly list: () => Source[],
    private readonly filter: Filter,
    private readonly emit: (entries: Entry[]) => void,
    ends: Map<string, number> = new Map()
  ) {
    for (const s of list()) this.track(s, ends.get(s.current) ?? 0)
  }

  private track (source: Source, offset: number): void {
    try {
      const fd = openSync(source.current, 'r')
      this.tails.set(source.current, { source, fd, ino: fstatSync(fd).ino, offset, partial: '' })
    } catch {
      // not there (yet): the next poll looks again
    }
  }

  private read (tail: Tail, out: Entry[]): void {
    const size = fstatSync(tail.fd).size
    if (size < tail.offset) tail.offset = 0 // truncated: start over
    const buf = Buffer.alloc(CHUNK)
    while (tail.offset < size) {
      const n = readSync(tail.fd, buf, 0, Math.min(CHUNK, size - tail.offset), tail.offset)
      if (n <= 0) break
      tail.offset += n
      const text = tail.partial + buf.toString('utf8', 0, n)
      const lines = text.split('\n')
      tail.partial = lines.pop()!
      for (const line of lines) {
        const e = parseEntry(line, tail.source.name, tail.source.kind)
        if (e && matches(e, this.filter)) out.push(e)
      }
    }
  }

  /** One round: what every file gained since the last. */
  poll (): Entry[] {
    const out: Entry[] = []
    // A file renamed away last round may have had a last line written after we drained it.
    for (const old of this.retired) {
      this.read(old, out)
      closeSync(old.fd)
    }
    this.retired = []
    for (const s of this.list()) if (!this.tails.has(s.current)) this.track(s, 0)
    for (const [path, tail] of this.tails) {
      this.read(tail, out)
      let ino: number | undefined
      try {
        ino = statSync(path).ino
      } catch {
        continue // renamed, its successor not made yet
      }
      if (ino !== tail.ino) {
        this.retired.push(tail)
        this.tails.delete(path)
        this.track(tail.source, 0)
        const next = this.tails.get(path)
        if (next) this.read(next, out)
      }
    }
    return out.sort((a, b) => a.time - b.time)
  }

  start (everyMs = 250): void {
    const tick = () => {
      const entries = this.poll()
      if (entries.length > 0) this.emit(entries)
      this.timer = setTimeout(tick, everyMs)
    }
    tick()
  }

  stop (): void {
    clearTimeout(this.timer)
    for (const t of [...this.tails.values(), ...this.retired]) closeSync(t.fd)
    this.tails.clear()
    this.retired = []
  }
}
