// The k6 part of `pnpm -r test`: start a fresh stack (temporary shards, data and gateway files,
// free ports: never the user's data nor a stack already running), wait until every instance is
// routed, run smoke and negative through the gateway, stop the stack. Any failed check or
// threshold fails the command.
import { join } from 'node:path'
import { runK6, resultsRoot } from './k6.js'
import { hostileCounts, outcome, readSummary } from './summary.js'
import { startTestStack, type TestStack } from '@platform/stack/testing'

const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)
let passed = 0
let failed = 0
let stack: TestStack | undefined
// Interrupted (Ctrl-C, a CI time limit): stop the stack's processes rather than orphan them.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`k6: ${sig}, stopping the test stack`)
    void (stack ? stack.stop() : Promise.resolve()).finally(() => process.exit(1))
  })
}
try {
  stack = await startTestStack()
  console.log(`k6: test stack ready on ${stack.baseUrl} (${stack.summary})`)
  for (const script of ['smoke', 'negative']) {
    const run = await runK6({
      script,
      vars: { BASE_URL: stack.baseUrl },
      outDir: join(resultsRoot, `ci-${stamp}`, script),
      stdio: 'quiet'
    })
    let result
    try {
      result = outcome(readSummary(run.summary))
    } catch {
      result = { passed: 0, failed: 1, failures: [`k6 ${script} wrote no summary (exit ${run.code})`] }
    }
    // k6 can also fail without a crossed threshold (script error, exit 107): that is a failure too.
    if (run.code !== 0 && result.failed === 0) result = { ...result, failed: 1, failures: [`k6 ${script} exited ${run.code}`] }
    passed += result.passed
    failed += result.failed
    console.log(`k6 ${script}: ${result.passed} passed, ${result.failed} failed`)
    if (script === 'negative') {
      const hostile = hostileCounts(run.summary)
      if (hostile) console.log(`k6 negative: ${hostile.tried} hostile requests tried, ${hostile.serverErrors} answered 5xx`)
    }
    for (const f of result.failures) console.log(`  not ok: ${f}`)
    if (result.failed > 0) console.log(`  k6's output: ${join(run.outDir, 'k6-output.txt')}`)
  }
  if (failed > 0) console.error(`--- stack log (last lines) ---\n${stack.lines.slice(-40).join('\n')}`)
  await stack.stop()
} catch (err) {
  failed++
  console.error(`k6: ${(err as Error).message}`)
  if (stack) {
    console.error(`--- stack log (last lines) ---\n${stack.lines.slice(-40).join('\n')}`)
    await stack.stop()
  }
}
console.log(`k6: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
