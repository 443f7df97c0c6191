import { readFileSync } from 'node:fs'

/** The process type that is the gateway: always part of a formation, never routed to. */
export const GATEWAY_TYPE = 'traefik'

/**
 * The process type that is the service registry: everything else finds it at REGISTRY_PORT (a
 * fixed port, whatever a foreman hands out), so it runs once and the plan puts it there.
 */
export const REGISTRY_TYPE = 'registry'

export interface ProcessType {
  name: string
  command: string
  /** A part of the formation the services use (a Redis server), not an HTTP service: see PART_MARK. */
  part?: boolean
}

/**
 * A Procfile line ending in `# part` is a part of the formation, not an HTTP service: it does not
 * register, the gateway routes no prefix to it and the runner waits for no route to it.
 * The shell every foreman runs a line with ignores the comment.
 */
export const PART_MARK = /\s#\s*part\b[^#]*$/

/** `name: command` lines, as both foremen read them; blank lines and # comments ignored. */
export function parseProcfile (text: string): ProcessType[] {
  const types: ProcessType[] = []
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const m = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(line)
    if (!m) throw new Error(`Procfile line ${i + 1} is not "name: command": ${line}`)
    if (types.some((t) => t.name === m[1])) throw new Error(`Procfile lists ${m[1]} twice`)
    types.push({ name: m[1]!, command: m[2]!, ...(PART_MARK.test(m[2]!) ? { part: true } : {}) })
  }
  return types
}

export function readProcfile (file: string): ProcessType[] {
  return parseProcfile(readFileSync(file, 'utf8'))
}

/**
 * The formation `pnpm start` runs when none is given: every process type once, with three stats
 * instances (the sharded service, load-balanced) and two each of likes and polls (discovery and
 * balancing visible in X-Instance). Types this Procfile lacks are skipped.
 */
export const DEFAULT_FORMATION = 'all=1,stats=3,likes=2,polls=2'

/**
 * `stats=3,posts=1` with foreman's meaning: listed types run that many times, the others not
 * at all, `all=N` sets the count of every unlisted type. No spec: DEFAULT_FORMATION.
 * The gateway and the registry run once whatever the spec says: without them nothing is served.
 */
export function parseFormation (spec: string | undefined, types: ProcessType[]): Map<string, number> {
  const names = new Set(types.map((t) => t.name))
  let all = 0
  const counts = new Map<string, number>()
  for (const pair of (spec ?? DEFAULT_FORMATION).split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_-]+)=(\d+)$/.exec(pair)
    if (!m) throw new Error(`formation: "${pair}" is not name=count`)
    const [, name, count] = m as unknown as [string, string, string]
    if (name === 'all') all = Number(count)
    else if (!names.has(name) && spec === undefined) continue
    else if (!names.has(name)) throw new Error(`formation: no process type "${name}" in the Procfile (${[...names].join(', ')})`)
    else counts.set(name, Number(count))
  }
  const formation = new Map<string, number>()
  for (const t of types) formation.set(t.name, t.name === GATEWAY_TYPE || t.name === REGISTRY_TYPE ? 1 : (counts.get(t.name) ?? all))
  return formation
}

export interface PlannedProcess {
  /** `stats.2`, as foreman names them. */
  name: string
  type: string
  index: number
  command: string
  port: number
  /** Not an HTTP service (see PART_MARK): never routed. */
  part?: boolean
}

/**
 * Ports as Ruby foreman gives them: base + 100 x (position of the type in the Procfile)
 * + instance number (from 0), but the registry's own fixed port. node-foreman counts positions
 * in command-line order instead; neither matters to the gateway, which learns ports from the
 * registry, where every instance registers itself.
 */
export function planFormation (types: ProcessType[], formation: Map<string, number>, basePort: number, registryPort: number): PlannedProcess[] {
  const plan: PlannedProcess[] = []
  types.forEach((t, position) => {
    const count = formation.get(t.name) ?? 0
    for (let i = 0; i < count; i++) {
      const port = t.name === REGISTRY_TYPE ? registryPort : basePort + position * 100 + i
      plan.push({ name: `${t.name}.${i + 1}`, type: t.name, index: i, command: t.command, port, ...(t.part ? { part: true } : {}) })
    }
  })
  return plan
}

/** `stats x3, docs x1`: what a formation runs, for humans. */
export function describeFormation (formation: Map<string, number>): string {
  return [...formation]
    .filter(([name, n]) => n > 0 && name !== GATEWAY_TYPE)
    .map(([name, n]) => `${name} x${n}`)
    .join(', ')
}
