// A raw HTTP/1.1 client for requests fetch will not send (bad framing, odd methods, Expect), used by tests.
import net from 'node:net'

export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** The server closed the connection after answering. */
  closed: boolean
}

/** Reads one HTTP/1.1 response (Content-Length framed) off a socket, or the close. */
export function readResponse (socket: net.Socket): Promise<RawResponse | undefined> {
  return new Promise((resolve) => {
    let data = Buffer.alloc(0)
    let settled: RawResponse | undefined
    const parse = (): RawResponse | undefined => {
      const end = data.indexOf('\r\n\r\n')
      if (end < 0) return undefined
      const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of lines) {
        const colon = line.indexOf(':')
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
      }
      const length = Number(headers['content-length'] ?? 0)
      if (data.length < end + 4 + length) return undefined
      return { status: Number(statusLine!.split(' ')[1]), headers, body: data.subarray(end + 4, end + 4 + length).toString('utf8'), closed: false }
    }
    const onData = (chunk: Buffer) => {
      data = Buffer.concat([data, chunk])
      settled ??= parse()
      if (settled) {
        socket.off('data', onData)
        socket.off('close', onClose)
        // Give a Connection: close a moment to show.
        socket.once('close', () => resolve({ ...settled!, closed: true }))
        setTimeout(() => resolve(settled), 200)
      }
    }
    const onClose = () => resolve(settled ?? parse())
    socket.on('data', onData)
    socket.on('close', onClose)
    socket.on('error', () => {})
  })
}

/** Opens a connection, writes `text` as is, and reads the one answer. */
export async function rawRequest (port: number, text: string | Buffer): Promise<RawResponse | undefined> {
  const socket = net.connect(port, '127.0.0.1')
  const answer = readResponse(socket)
  socket.write(text)
  try {
    return await answer
  } finally {
    socket.destroy()
  }
}
