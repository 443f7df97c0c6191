import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { sleep, tempDir } from '@platform/stack/testing'

/** A Redis the test starts itself: on a unix socket in a temporary folder, append-only as the formation runs it. */
export interface TestRedis {
  /** REDIS_URL for the likes service. */
  url: string
  socket: string
  dir: string
  /** SIGTERM; resolves once it has exited (it writes its append-only file first). */
  stop (): Promise<void>
  /** Starts it again on the same folder and socket: what it had is loaded back. */
  start (): Promise<void>
}

/** One PING over the socket; true on +PONG. */
function ping (socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const conn = connect(socket)
    conn.setTimeout(1000)
    conn.on('connect', () => conn.write('PING\r\n'))
    conn.on('data', (data) => {
      conn.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
    conn.on('error', () => resolve(false))
    conn.on('timeout', () => {
      conn.destroy()
      resolve(false)
    })
  })
}

export async function startRedis (t: { teardown (fn: () => unknown): void }): Promise<TestRedis> {
  // A short temporary path: a unix socket's path holds at most 107 bytes.
  const dir = tempDir(t, 'likes-redis-')
  const socket = join(dir, 'redis.sock')
  let proc: ChildProcess | undefined
  let output = ''
  const start = async () => {
    output = ''
    proc = spawn('redis-server', ['--port', '0', '--unixsocket', socket, '--dir', dir, '--appendonly', 'yes', '--save', '', '--logfile', ''], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    proc.stdout!.on('data', (chunk) => (output += chunk))
    proc.stderr!.on('data', (chunk) => (output += chunk))
    const failed = once(proc, 'error').then(([err]) => {
      throw new Error(`cannot run redis-server (the likes tests need Redis 6.2+ on PATH: apt-get install redis-server): ${(err as Error).message}`)
    })
    const up = (async () => {
      for (let i = 0; i < 400; i++) {
        if (proc!.exitCode !== null) throw new Error(`redis-server exited with ${proc!.exitCode}:\n${output}`)
        if (existsSync(socket) && await ping(socket)) return
        await sleep(25)
      }
      throw new Error(`redis-server did not answer on ${socket}:\n${output}`)
    })()
    await Promise.race([up, failed])
  }
  const stop = async () => {
    const p = proc
    if (!p || p.exitCode !== null || p.signalCode !== null) return
    const exited = once(p, 'exit')
    p.kill('SIGTERM')
    await exited
  }
  await start()
  t.teardown(stop)
  return { url: `unix:${socket}`, socket, dir, stop, start }
}
