import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const TEMPLATE = fileURLToPath(new URL('./template', import.meta.url))

export interface ServiceNames {
  /** kebab-case, the Procfile type and package name: `cinema-movies`. */
  name: string
  /** The path prefix it owns at the gateway: `/cinema/movies` (default `/<name>`). */
  prefix: string
  /** For people: `Cinema movies`. */
  title: string
}

/** Every placeholder of the template and what it becomes for one service. */
export function placeholders ({ name, prefix, title }: ServiceNames): [string, string][] {
  const words = name.split('-')
  const pascal = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
  return [
    ['__CODE__', words.join('_').toUpperCase()],
    ['__Pascal__', pascal],
    ['__camel__', pascal[0]!.toLowerCase() + pascal.slice(1)],
    ['__prefix__', prefix],
    ['__Title__', title],
    ['__name__', name]
  ]
}

function replaceAll (text: string, pairs: [string, string][]): string {
  return pairs.reduce((out, [from, to]) => out.split(from).join(to), text)
}

/** Copies the template into `dir` with every name and placeholder filled in. */
export function generateService (dir: string, names: ServiceNames): string[] {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(names.name)) throw new Error(`a service name is kebab-case letters and digits, not "${names.name}"`)
  if (!/^(\/[a-z0-9-]+)+$/.test(names.prefix)) throw new Error(`a prefix is a path like /likes or /cinema/movies, not "${names.prefix}"`)
  if (existsSync(dir)) throw new Error(`${dir} exists already`)
  cpSync(TEMPLATE, dir, { recursive: true })
  const pairs = placeholders(names)
  const written: string[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      let path = join(folder, entry)
      const renamed = join(folder, replaceAll(entry, pairs))
      if (renamed !== path) renameSync(path, (path = renamed))
      if (statSync(path).isDirectory()) walk(path)
      else {
        writeFileSync(path, replaceAll(readFileSync(path, 'utf8'), pairs))
        written.push(path)
      }
    }
  }
  walk(dir)
  return written.sort()
}

/** The service's line in the Procfile: its name is the process type. */
export function addToProcfile (procfile: string, name: string): void {
  const text = readFileSync(procfile, 'utf8')
  if (new RegExp(`^${name}:`, 'm').test(text)) throw new Error(`the Procfile has a ${name} line already`)
  appendFileSync(procfile, `${text.endsWith('\n') ? '' : '\n'}${name}: exec node --conditions=compiled apps/${name}/dist/server.js\n`)
}

/** The service's reference in the root tsconfig.build.json, so that `tsc -b` builds what its Procfile line runs. */
export function addToBuild (tsconfigBuild: string, name: string): void {
  const text = readFileSync(tsconfigBuild, 'utf8')
  const reference = `{ "path": "./apps/${name}/tsconfig.build.json" }`
  if (text.includes(reference)) throw new Error(`tsconfig.build.json references apps/${name} already`)
  // The file has comments (not JSON.parse-able): the reference goes after the last one listed.
  const end = text.lastIndexOf('}', text.lastIndexOf(']'))
  if (end < 0) throw new Error('tsconfig.build.json has no references list')
  writeFileSync(tsconfigBuild, `${text.slice(0, end + 1)},\n    ${reference}${text.slice(end + 1)}`)
}
