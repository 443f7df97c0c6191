import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export type Log = (line: string) => void

/** Where a child's output lines go, one at a time, with the stream each came from. */
export type Output = (line: string, stream: 'stdout' | 'stderr') => void

export interface ChildSpec {
  name: string
  command: string
  cwd: string
  env: NodeJS.ProcessEnv
}

/**
 * One process of the formation. It runs in its own process group, so a Ctrl-C in the
 * terminal reaches only the runner, which then signals each child exactly once (the kit
 * exits at once on a second signal). Its output lines go to `output` (the runner prints them
 * prefixed with its name and keeps them in its log file); the last ones are kept to explain a failure.
 */
export class Child {
  proc: ChildProcess | undefined
  startedAt = 0
  readonly tail: string[] = []
  private exited: Promise<void> = Promise.resolve()
  private outputClosed: Promise<unknown> = Promise.resolve()

  constructor (
    readonly spec: ChildSpec,
    private readonly output: Output,
    private readonly log: Log,
    private readonly onExit: (child: Child, code: number | null, signal: NodeJS.Signals | null) => void
  ) {}

  get pid (): number | undefined {
    return this.proc?.pid
  }

  get running (): boolean {
    return this.proc !== undefined && this.proc.exitCode === null && this.proc.signalCode === null
  }

  start (): void {
    // `exec` so the pid is the service's own; the shell still expands $PORT and the like.
    const command = /^exec\s/.test(this.spec.command) ? this.spec.command : `exec ${this.spec.command}`
    const proc = spawn('/bin/sh', ['-c', command], {
      cwd: this.spec.cwd,
      env: this.spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    this.proc = proc
    this.startedAt = Date.now()
    const closed: Promise<void>[] = []
    for (const [name, stream] of [['stdout', proc.stdout!], ['stderr', proc.stderr!]] as const) {
      const lines = createInterface({ input: stream })
      lines.on('line', (line) => {
        this.tail.push(line)
        if (this.tail.length > 20) this.tail.shift()
        this.output(line, name)
      })
      closed.push(new Promise((resolve) => lines.once('close', resolve)))
    }
    this.outputClosed = Promise.all(closed)
    this.exited = new Promise((resolve) => {
      proc.on('exit', (code, signal) => {
        this.onExit(this, code, signal)
        resolve()
      })
    })
  }

  signal (sig: NodeJS.Signals): void {
    if (!this.running) return
    // SIGKILL takes the whole group: the gateway's traefik dies with it, nothing is left.
    if (sig === 'SIGKILL') process.kill(-this.proc!.pid!, sig)
    else this.proc!.kill(sig)
  }

  /** SIGTERM, then SIGKILL past the timeout; resolves once the process is gone. */
  async stop (timeoutMs: number): Promise<void> {
    if (!this.running) return this.exited
    this.signal('SIGTERM')
    const timer = setTimeout(() => {
      this.log(`${this.spec.name} did not stop within ${timeoutMs} ms: killing it`)
      this.signal('SIGKILL')
    }, timeoutMs)
    await this.exited
    clearTimeout(timer)
  }

  wait (): Promise<void> {
    return this.exited
  }

  /**
   * Resolves once its last output lines have been handed on (a process's pipes can close after
   * it exited), or after `timeoutMs`: a grandchild it left behind may hold them open.
   */
  async outputDone (timeoutMs = 1000): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    await Promise.race([this.outputClosed, new Promise((resolve) => { timer = setTimeout(resolve, timeoutMs) })])
    clearTimeout(timer)
  }
}
