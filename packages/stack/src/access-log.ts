// Traefik writes its access log itself and rotates nothing; it reopens the file on SIGUSR1
// (the logrotate way). The gateway process does the rest: past a size, it renames the file
// and its older rotations (access.log -> access.log.1 -> ... -> access.log.<keep>, the same
// names the runner's files get) and signals Traefik, which starts a new access.log.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs'

/** `10M`, `512K`, `300B`, `1G` (rotating-file-stream's syntax, as the runner's --log-size) in bytes. */
export function parseSize (value: string): number {
  const m = /^(\d+)([BKMG])$/.exec(value)
  if (!m) throw new Error(`a size is a number and B, K, M or G (10M), not "${value}"`)
  return Number(m[1]) * { B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2] as 'B' | 'K' | 'M' | 'G']
}

/** Shifts `file` to `file.1`, `file.1` to `file.2` ..., dropping what would become `file.<keep + 1>`. */
export function shiftRotations (file: string, keep: number): void {
  rmSync(`${file}.${keep}`, { force: true })
  for (let i = keep - 1; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`)
  if (keep >= 1) renameSync(file, `${file}.1`)
  else rmSync(file, { force: true })
}

export interface AccessLogRotation {
  file: string
  maxBytes: number
  keep: number
  /** Makes the writer open a new file (SIGUSR1 to Traefik). */
  reopen: () => void
  everyMs?: number
}

/** Checks the size every few seconds and rotates past maxBytes; returns the stop function. */
export function rotateWhenLarge (o: AccessLogRotation): () => void {
  const check = () => {
    try {
      if (statSync(o.file).size < o.maxBytes) return
      shiftRotations(o.file, o.keep)
      o.reopen()
    } catch {
      // no access log yet (no request so far), or it went meanwhile: next time
    }
  }
  const timer = setInterval(check, o.everyMs ?? 5000)
  timer.unref()
  return () => clearInterval(timer)
}
