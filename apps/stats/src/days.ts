const MS_PER_DAY = 86_400_000
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const HAS_ZONE = /(?:[Zz]|[+-]\d{2}:?\d{2})$/

export interface Finished {
  /** What is stored and returned: the date as given, or the timestamp normalised to UTC. */
  finished: string
  /** The UTC calendar day, as days since 1970-01-01: what streaks count. */
  day: number
}

function utcDay(year: number, month: number, date: number): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, date) // unlike Date.UTC, years 0..99 stay themselves
  return Math.floor(d.getTime() / MS_PER_DAY)
}

/**
 * `finished` as the API accepts it (already checked by the 'date-or-timestamp' format):
 * a date is that day; a timestamp is converted to UTC first, and one without a zone is UTC.
 */
export function parseFinished(value: string): Finished {
  const date = DATE_ONLY.exec(value)
  if (date) return { finished: value, day: utcDay(+date[1]!, +date[2]!, +date[3]!) }
  let iso = value.replace(' ', 'T')
  if (!HAS_ZONE.test(iso)) iso += 'Z'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new RangeError(`not a date or timestamp: ${value}`)
  return { finished: new Date(ms).toISOString(), day: Math.floor(ms / MS_PER_DAY) }
}

/** Day number back to YYYY-MM-DD. */
export function dayToDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export function dateToDay(date: string): number {
  return parseFinished(date).day
}
