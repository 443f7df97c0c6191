// pnpm new:service NAME [--prefix /path] [--title "Title"]: a new service in apps/NAME, of the
// one shape every service has (see the README's "Adding a service"), with a working example
// resource and its tests, listed in the Procfile.
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { REPO_ROOT } from '@platform/kit'
import { addToBuild, addToProcfile, generateService } from './new-service/generate.js'

const usage = `usage: pnpm new:service NAME [--prefix /NAME] [--title "Name"]
Creates apps/NAME from scripts/new-service/template and adds its line to the Procfile and tsconfig.build.json.`
let parsed
try {
  parsed = parseArgs({ options: { prefix: { type: 'string' }, title: { type: 'string' } }, allowPositionals: true })
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${usage}\n`)
  process.exit(2)
}
const { values, positionals } = parsed
const name = positionals[0]
if (!name || positionals.length > 1) {
  process.stderr.write(`${usage}\n`)
  process.exit(2)
}
const prefix = typeof values.prefix === 'string' ? values.prefix : `/${name}`
const title = typeof values.title === 'string' ? values.title : name[0]!.toUpperCase() + name.slice(1).replaceAll('-', ' ')
try {
  const dir = join(REPO_ROOT, 'apps', name)
  const files = generateService(dir, { name, prefix, title })
  addToProcfile(join(REPO_ROOT, 'Procfile'), name)
  addToBuild(join(REPO_ROOT, 'tsconfig.build.json'), name)
  process.stdout.write(`created ${relative(REPO_ROOT, dir)}/ (${files.length} files) its Procfile line and its build reference. Next:
  pnpm install                         # link the new workspace package
  pnpm --filter @platform/${name} test  # its example tests pass as generated
  then replace the example resource (items) with yours; see the README, "Adding a service".\n`)
} catch (err) {
  process.stderr.write(`new:service: ${(err as Error).message}\n`)
  process.exit(1)
}
