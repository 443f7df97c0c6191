/**
 * The platform's one reading of dates and times: what the `date-or-timestamp` and `timestamp`
 * formats accept is exactly what `parseInstant` parses, in the services and in the CLIs, so
 * nothing a format check lets through can fail later (a 500) or mean something else.
 *
 * Accepted: a calendar date `YYYY-MM-DD`, or an ISO-8601 timestamp `YYYY-MM-DDTHH:MM[:SS[.fraction]]`
 * (`T`, `t` or a space between) with an optional zone: `Z`, or an offset from -12:00 to +14:00
 * (`±HH:MM` or `±HHMM`), the range real zones use. No zone means UTC. The instant must fall in
 * [2000-01-01, 2100-01-01) UTC: a year 0 or 10000 is a typo, not a game.
 */

export const MS_PER_DAY = 86_400_000
/** The first instant the platform accepts (inclusive) and the first it refuses. */
export const EARLIEST = Date.UTC(2000, 0, 1)
export const LATEST = Date.UTC(2100, 0, 1)
export const RANGE_TEXT = '2000-01-01 to 2099-12-31 (UTC)'

export interface Instant {
  /** Milliseconds since the epoch, UTC. */
  ms: number
  /** A date alone was given (`YYYY-MM-DD`): it names a day, not a moment. */
  dateOnly: boolean
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/

function dayOf (y: number, m: number, d: number): number | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined
  const ms = Date.UTC(y, m - 1, d)
  return new Date(ms).getUTCDate() === d ? ms : undefined
}

const inRange = (ms: number) => ms >= EARLIEST && ms < LATEST

/** The instant a date or timestamp names, or undefined when the platform does not accept it. */
export function parseInstant (value: string): Instant | undefined {
  const date = DATE.exec(value)
  if (date) {
    const ms = dayOf(+date[1]!, +date[2]!, +date[3]!)
    return ms !== undefined && inRange(ms) ? { ms, dateOnly: true } : undefined
  }
  const ts = TIMESTAMP.exec(value)
  if (!ts) return undefined
  const [, y, mo, d, h, mi, s = '0', fraction = '', , sign, oh, om] = ts
  const day = dayOf(+y!, +mo!, +d!)
  if (day === undefined || +h! > 23 || +mi! > 59 || +s > 59) return undefined
  let offset = 0
  if (sign) {
    if (+om! > 59) return undefined
    offset = (sign === '-' ? -1 : 1) * (+oh! * 60 + +om!)
    if (offset < -12 * 60 || offset > 14 * 60) return undefined
  }
  const ms = day + ((+h! * 60 + +mi! - offset) * 60 + +s) * 1000 + Math.floor(+`0.${fraction || '0'}` * 1000)
  return inRange(ms) ? { ms, dateOnly: false } : undefined
}

/** A timestamp, not a bare date (`starts_at`, `send_at`). */
export function isTimestamp (value: string): boolean {
  return parseInstant(value)?.dateOnly === false
}

export function isDateOrTimestamp (value: string): boolean {
  return parseInstant(value) !== undefined
}

/** The UTC calendar day of an instant, as days since 1970-01-01. */
export function utcDay (ms: number): number {
  return Math.floor(ms / MS_PER_DAY)
}

/** Day number back to YYYY-MM-DD. */
export function dayToDate (day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}
