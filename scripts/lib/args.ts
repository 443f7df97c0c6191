import { parseArgs, type ParseArgsConfig } from 'node:util'

/** parseArgs with a usage line on any mistake, and integers checked by name. */
export function cli (usage: string, options: NonNullable<ParseArgsConfig['options']>): Record<string, string | boolean | undefined> {
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: 'boolean' } }, strict: true, allowPositionals: false }) as {
      values: Record<string, string | boolean | undefined>
    }
    if (values.help) {
      process.stdout.write(usage + '\n')
      process.exit(0)
    }
    return values
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage}\n`)
    process.exit(2)
  }
}

export function integer (name: string, value: string | boolean | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < min) {
    process.stderr.write(`--${name} must be an integer >= ${min}, got ${String(value)}\n`)
    process.exit(2)
  }
  return n
}

/** Paths on the command line are relative to where the user typed it, not to this package. */
export function userPath (path: string): string {
  const base = process.env.INIT_CWD ?? process.cwd()
  return path.startsWith('/') ? path : `${base}/${path}`
}
