import { v4 as uuidv4 } from 'uuid'

// Any 128-bit value in the 8-4-4-4-12 form, as JSON Schema's "uuid" format accepts it: the
// uuid package's parse() insists on a version nibble, and a client-sent id it refuses must
// still be a clean 404, not a 500.
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid (id: string): boolean {
  return UUID_RE.test(id)
}

/** A UUID string as the 16-byte BLOB stored in the databases. */
export function uuidToBytes (id: string): Buffer {
  if (!UUID_RE.test(id)) throw new TypeError(`not a UUID: ${JSON.stringify(id)}`)
  return Buffer.from(id.replaceAll('-', ''), 'hex')
}

/** The stored 16 bytes back to the canonical lower-case string. */
export function bytesToUuid (bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** A new random (version 4) id, as the string clients see and its stored bytes. */
export function newUuid (): { id: string, bytes: Buffer } {
  const bytes = uuidv4(undefined, Buffer.alloc(16))
  return { id: bytesToUuid(bytes), bytes }
}
