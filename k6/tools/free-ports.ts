// Ports for a throwaway stack: the gateway, its API, and a base from which the formation's
// instances are numbered (base + 100 * process type + instance), all checked free on loopback.
import { createServer } from 'node:net'

function isFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer()
    server.once('error', () => resolvePort(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)))
  })
}

async function allFree(ports: number[]): Promise<boolean> {
  for (const p of ports) if (!(await isFree(p))) return false
  return true
}

export interface StackPorts { port: number; apiPort: number; basePort: number }

/** `types` and `perType` bound the instance ports to check (base + 100*t + i). */
export async function freeStackPorts(types: number, perType: number): Promise<StackPorts> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // Above the usual service ports and below the kernel's ephemeral range (32768+).
    const basePort = 20000 + 1000 * Math.floor(Math.random() * 10)
    const port = basePort + 900 + Math.floor(Math.random() * 50) * 2
    const instances = Array.from({ length: types }, (_, t) => Array.from({ length: perType }, (_, i) => basePort + 100 * t + i)).flat()
    if (await allFree([port, port + 1, ...instances])) return { port, apiPort: port + 1, basePort }
  }
  throw new Error('no free ports for a test stack after 50 tries')
}
