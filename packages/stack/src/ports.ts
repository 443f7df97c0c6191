// Ports for throwaway stacks (tests, CI's k6 run): the gateway, its API, the registry, and a base from which
// the formation's instances are numbered like a foreman does (base + 100 * type + instance),
// all checked free on loopback. One place, so every test stack picks ports the same way.
import { createServer } from 'node:net'

export function isFree (port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** A port nothing listens on right now (the kernel's pick). */
export function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface StackPorts {
  port: number
  apiPort: number
  registryPort: number
  basePort: number
}

/** Free ports for a stack of `types` process types with up to `perType` instances each. */
export async function freeStackPorts (types: number, perType: number): Promise<StackPorts> {
  for (let attempt = 0; attempt < 100; attempt++) {
    // Above the usual service ports and below the kernel's ephemeral range (32768+).
    const basePort = 20_000 + Math.floor(Math.random() * 100) * 100
    const port = basePort + types * 100 + 50
    const instances = Array.from({ length: types }, (_, t) => Array.from({ length: perType }, (_, i) => basePort + 100 * t + i)).flat()
    if ((await Promise.all([...instances, port, port + 1, port + 2].map(isFree))).every(Boolean)) return { port, apiPort: port + 1, registryPort: port + 2, basePort }
  }
  throw new Error('no free ports for a test stack after 100 tries')
}
