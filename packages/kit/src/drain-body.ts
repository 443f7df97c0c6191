import type { IncomingMessage } from 'node:http'

// How much of an oversized body is read and thrown away before the 413 goes out.
const DRAIN_MAX_BYTES = 8 * 1024 * 1024
const DRAIN_MAX_MS = 3000

/**
 * Reads the rest of a request body and discards it. Fastify answers a too-large body at once
 * and closes the connection; closing a socket with unread data makes the kernel send a reset,
 * which can destroy the 413 before a proxy (Traefik) has read it: the client then sees a 502.
 * Past the caps the connection is closed anyway (a client streaming forever gets nothing more).
 */
export function drainBody (req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed || req.readableEnded) return Promise.resolve()
  return new Promise((resolve) => {
    let bytes = 0
    const done = () => {
      clearTimeout(timer)
      req.off('data', onData)
      req.off('end', done)
      req.off('error', done)
      req.off('close', done)
      resolve()
    }
    const onData = (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes > DRAIN_MAX_BYTES) done()
    }
    const timer = setTimeout(done, DRAIN_MAX_MS)
    req.on('data', onData)
    req.on('end', done)
    req.on('error', done)
    req.on('close', done)
    req.resume()
  })
}
