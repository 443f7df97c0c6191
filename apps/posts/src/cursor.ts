import { BadCursor } from './errors.js'

/** Where a page ends: the paging key of its last post (newest first, so the next page is older). */
export interface PageKey {
  createdAt: number
  seq: number
}

export function encodeCursor(key: PageKey): string {
  return Buffer.from(`${key.createdAt}.${key.seq}`).toString('base64url')
}

const KEY_RE = /^(\d{1,15})\.(\d{1,15})$/

/** A cursor the service did not issue is the client's mistake: 400, never a 500 or a silent first page. */
export function decodeCursor(cursor: string): PageKey {
  const match = KEY_RE.exec(Buffer.from(cursor, 'base64url').toString('latin1'))
  if (!match) throw new BadCursor()
  return { createdAt: Number(match[1]), seq: Number(match[2]) }
}
