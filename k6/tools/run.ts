// pnpm k6:<script> [k6 flags...]: runs one script against a running stack (BASE_URL, default
// http://localhost:9999) and keeps its results under results/. Exits with k6's exit code, so a
// crossed threshold fails the command.
import { relative } from 'node:path'
import { REPO_ROOT } from '@platform/kit'
import { runK6 } from './k6.js'

const [script, ...extraArgs] = process.argv.slice(2)
const known = ['smoke', 'load', 'stress', 'negative', 'bench']
if (!script || !known.includes(script)) {
  console.error(`usage: tsx k6/tools/run.ts <${known.join('|')}> [k6 run flags]`)
  process.exit(2)
}

const result = await runK6({
  script,
  vars: { BASE_URL: process.env.BASE_URL ?? 'http://localhost:9999' },
  rawMetrics: process.env.K6_RAW_METRICS !== 'false',
  extraArgs
}).catch((err: Error) => {
  console.error(err.message)
  process.exit(1)
})
const rel = (p: string) => relative(REPO_ROOT, p)
console.log(`\nresults: ${rel(result.summary)}, ${rel(result.report)}${result.metrics ? `, ${rel(result.metrics)}` : ''}`)
if (result.metrics) console.log(`plot it: pnpm k6:plot ${rel(result.outDir)}`)
process.exit(result.code)
