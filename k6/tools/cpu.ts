// CPU time of process trees from /proc (Linux): which process a benchmark figure is limited by.
import { readdirSync, readFileSync } from 'node:fs'

const TICKS_PER_SECOND = 100 // USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK)

interface ProcStat { pid: number; ppid: number; ticks: number }

function readStat (pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }
  } catch {
    return undefined // gone meanwhile
  }
}

function allStats (): ProcStat[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => readStat(Number(d))).filter((s): s is ProcStat => !!s)
}

/** CPU seconds used so far by each root and its descendants (children's time while they live). */
export function treeCpuSeconds (roots: Record<string, number>): Record<string, number> {
  const stats = allStats()
  const children = new Map<number, ProcStat[]>()
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s])
  const byPid = new Map(stats.map((s) => [s.pid, s]))
  const out: Record<string, number> = {}
  for (const [name, pid] of Object.entries(roots)) {
    let ticks = 0
    const queue = [pid]
    while (queue.length) {
      const p = queue.pop()!
      ticks += byPid.get(p)?.ticks ?? 0
      for (const c of children.get(p) ?? []) queue.push(c.pid)
    }
    out[name] = ticks / TICKS_PER_SECOND
  }
  return out
}

/** Busy share of the whole machine between two readings of /proc/stat (all processes, anyone's). */
export function machineTicks (): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number)
  const idle = cpu[3]! + cpu[4]!
  const total = cpu.reduce((a, b) => a + b, 0)
  return { busy: total - idle, total }
}
