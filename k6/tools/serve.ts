// tsx k6/tools/serve.ts [--formation stats=3] [--shards DIR]
// A throwaway stack in the foreground for benchmarking by hand (load, stress): temporary data
// and gateway files, free ports, a copy of --shards if given. Prints `ready: URL`; Ctrl-C stops it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startTestStack } from '@platform/stack/testing'

const { values } = parseArgs({ options: { formation: { type: 'string' }, shards: { type: 'string' } } })
const work = mkdtempSync(join(tmpdir(), 'k6-serve-'))
let shardsDir: string | undefined
if (values.shards) {
  shardsDir = join(work, 'shards')
  cpSync(resolve(values.shards), shardsDir, { recursive: true })
}
const test = await startTestStack({ formation: values.formation, env: shardsDir ? { SHARDS_DIR: shardsDir } : {} })
const instances = test.plan.map((p) => `${p.name}=${p.port}`).join(' ')
console.log(`ready: ${test.baseUrl} (${test.summary}) ${instances}`)
const signal = await new Promise<string>((resolve) => {
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => resolve(s))
})
console.log(`${signal}: stopping`)
await test.stop()
rmSync(work, { recursive: true, force: true })
