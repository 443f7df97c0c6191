import { serviceErrors } from './error-shape.js'
import { Type } from 'typebox'

/**
 * Keyset paging for newest-first lists: a page ends at the (time, seq) key of its last item,
 * the next page starts strictly below it. `seq` (the row's insertion number) breaks ties
 * between items of the same millisecond, so paging neither repeats nor skips them.
 */
export interface PageKey {
  at: number
  seq: number
}

/** Opaque to clients: base64url of `<at>.<seq>`. */
export const Cursor = Type.String({
  pattern: '^[A-Za-z0-9_-]{1,64}$',
  description: 'The `next` of a previous page'
})

export function encodeCursor (key: PageKey): string {
  return Buffer.from(`${key.at}.${key.seq}`).toString('base64url')
}

const KEY_RE = /^(\d{1,16})\.(\d{1,16})$/

/** The key of a cursor this code issued; undefined for anything else (the service's 400). */
export function decodeCursor (cursor: string): PageKey | undefined {
  const match = KEY_RE.exec(Buffer.from(cursor, 'base64url').toString('latin1'))
  if (!match) return undefined
  const key = { at: Number(match[1]), seq: Number(match[2]) }
  return Number.isSafeInteger(key.at) && Number.isSafeInteger(key.seq) ? key : undefined
}

/**
 * The `before=` parameter of a service's lists: undefined when absent, the key when it is a
 * cursor this platform issued, else the service's `<PREFIX>_BAD_CURSOR` 400.
 */
export function cursorParser (service: string) {
  const BadCursor = serviceErrors(service)<[]>(
    'BAD_CURSOR',
    'querystring/before is not a cursor this service issued (pass the `next` of a previous page)',
    400
  )
  return (before: string | undefined): PageKey | undefined => {
    if (before === undefined) return undefined
    const key = decodeCursor(before)
    if (!key) throw new BadCursor()
    return key
  }
}
