import cliProgress from 'cli-progress'

export interface Progress {
  update(phase: string, done: number, total: number): void
  stop(): void
}

/**
 * A progress bar on a terminal; on a pipe or in CI, one line per phase instead, so logs
 * stay readable.
 */
export function progress (stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    const announced = new Set<string>()
    return {
      update (phase, done, total) {
        if (!announced.has(phase)) {
          announced.add(phase)
          stream.write(`${phase}: ${total.toLocaleString('en-US')} to do\n`)
        }
      },
      stop () {}
    }
  }
  const bar = new cliProgress.SingleBar(
    { format: '{phase} |{bar}| {percentage}% {value}/{total} {eta_formatted}', stream, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic
  )
  let current = ''
  return {
    update (phase, done, total) {
      if (phase !== current) {
        if (current) bar.stop()
        current = phase
        bar.start(total, done, { phase: phase.padEnd(8) })
      } else {
        bar.update(done)
      }
    },
    stop () {
      if (current) bar.stop()
    }
  }
}
