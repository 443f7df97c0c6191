import { dayToDate, parseInstant, utcDay } from '@platform/kit'

export { dayToDate }

export interface Finished {
  /** What is stored and returned: the date as given, or the timestamp normalised to UTC. */
  finished: string
  /** The UTC calendar day, as days since 1970-01-01: what streaks count. */
  day: number
}

/**
 * `finished` as the API accepts it: the kit's one date parser, the same the `date-or-timestamp`
 * format checks with, so a value that passed validation always parses here. A date is that
 * day; a timestamp is converted to UTC first. Undefined for anything the platform refuses.
 */
export function parseFinished (value: string): Finished | undefined {
  const instant = parseInstant(value)
  if (!instant) return undefined
  return {
    finished: instant.dateOnly ? value : new Date(instant.ms).toISOString(),
    day: utcDay(instant.ms)
  }
}

/** The day of a date the caller knows is valid (generator bounds, tests); throws otherwise. */
export function dateToDay (date: string): number {
  const parsed = parseFinished(date)
  if (!parsed) throw new RangeError(`not a date the platform accepts: ${date}`)
  return parsed.day
}
