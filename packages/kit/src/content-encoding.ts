import { Transform, type Readable } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import type { FastifyInstance } from 'fastify'

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress
}
const SUPPORTED = 'gzip, deflate, br'

const clientError = (statusCode: number, code: string, message: string) => Object.assign(new Error(message), { statusCode, code })

/**
 * Request bodies sent with `Content-Encoding: gzip`, `deflate` or `br` are decoded before the
 * JSON parser reads them; any other coding is a 415, a body that does not decode a 400.
 * The decoded size counts against the route's body limit, and decoding stops there: a small zip
 * bomb gets its 413 after at most `limit` bytes of output. (Hand-written rather than
 * @fastify/compress, which inflates the whole input whatever the limit and also brings
 * response compression.)
 */
export function installContentDecoding (app: FastifyInstance): void {
  // A callback hook, not async: it runs on every request, almost always to do nothing.
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const header = request.headers['content-encoding']
    if (header === undefined) return done(null, payload)
    const hasBody = request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] ?? '0') !== '0'
    if (!hasBody) return done(null, payload)
    const coding = header.trim().toLowerCase()
    if (coding === '' || coding === 'identity') return done(null, payload)
    const makeDecoder = DECODERS[coding]
    if (!makeDecoder) {
      return done(clientError(415, 'FST_ERR_CTP_UNSUPPORTED_CONTENT_ENCODING', `Content-Encoding ${JSON.stringify(header.slice(0, 40))} is not supported: send ${SUPPORTED}, or none`))
    }

    const limit = request.routeOptions.bodyLimit
    const decoder = makeDecoder()
    let encoded = 0
    let decoded = 0
    // What Fastify's body reader sees: the decoded bytes, and how many encoded bytes they came
    // from (it checks those against Content-Length and the limit too).
    const output = new Transform({
      transform (chunk: Buffer, _encoding, callback) {
        decoded += chunk.length
        if (decoded > limit) {
          stop()
          callback(clientError(413, 'FST_ERR_CTP_BODY_TOO_LARGE', 'Request body is too large'))
          return
        }
        callback(null, chunk)
      }
    }) as Transform & { receivedEncodedLength: number }
    output.receivedEncodedLength = 0
    // Fastify listens for errors once it reads the body; until then one must not crash the process.
    output.on('error', () => {})

    const raw = payload as Readable
    const count = (chunk: Buffer) => {
      encoded += chunk.length
      output.receivedEncodedLength = encoded
    }
    // Leaves the rest of the raw body unread, for the error handler to drain: destroying the
    // request would destroy the socket, and the answer with it.
    const stop = () => {
      raw.off('data', count)
      raw.unpipe(decoder)
      decoder.destroy()
    }
    decoder.on('error', () => {
      stop()
      output.destroy(clientError(400, 'FST_ERR_CTP_INVALID_CONTENT_ENCODING', `The body is not valid ${coding} data`))
    })
    raw.on('data', count)
    raw.pipe(decoder).pipe(output)
    done(null, output)
  })
}
