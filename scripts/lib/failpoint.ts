import type { BuildStep } from '@platform/stats/layout'

/**
 * For the crash test only: STATS_BUILD_KILL_AT=<step> makes a build kill itself (SIGKILL, no
 * cleanup, like a power cut) when it reaches that step. Unset, it does nothing.
 */
export function killAt (env: NodeJS.ProcessEnv = process.env): ((step: BuildStep) => void) | undefined {
  const at = env.STATS_BUILD_KILL_AT
  if (!at) return undefined
  return (step) => {
    if (step === at) process.kill(process.pid, 'SIGKILL')
  }
}
