import { Type } from 'typebox'
import { parseInstant, RANGE_TEXT, serviceErrors, Uuid } from '@platform/kit'

/**
 * The cinema services pass these between each other (a showtime names movies, a booking names
 * a date and a movie of that date), so they are defined once.
 */

/** A movie id as the movies service issues it: a UUID, canonical lower case in answers. */
export const MovieId = Uuid

/**
 * A show date as a client writes it: the design's `YYYYMMDD` (20151201) or ISO `YYYY-MM-DD`.
 * Answers always carry ISO dates.
 */
export const ShowDate = Type.String({
  pattern: '^(\\d{8}|\\d{4}-\\d{2}-\\d{2})$',
  description: 'A show date: YYYYMMDD or YYYY-MM-DD',
  examples: ['2015-12-01', '20151201']
})

/** An ISO date as the services answer it. */
export const IsoDate = Type.String({ format: 'date', description: 'A show date, YYYY-MM-DD', examples: ['2015-12-01'] })

/** `20151201` or `2015-12-01` as the ISO date, or undefined when it names no day the platform accepts. */
export function parseShowDate (value: string): string | undefined {
  const m = /^(\d{4})(-?)(\d{2})\2(\d{2})$/.exec(value)
  if (!m) return undefined
  const iso = `${m[1]}-${m[3]}-${m[4]}`
  return parseInstant(iso)?.dateOnly ? iso : undefined
}

/**
 * A show date of a request made ISO, else the service's `<PREFIX>_BAD_DATE` 400 naming the
 * field (`params/date`, `body/date`): the schema checks the shape, this the calendar.
 */
export function showDateParser (service: string) {
  const BadDate = serviceErrors(service)<[string, string]>('BAD_DATE', `%s is not a calendar date: %s (YYYYMMDD or YYYY-MM-DD, ${RANGE_TEXT})`, 400)
  return (value: string, field: string): string => {
    const iso = parseShowDate(value)
    if (iso === undefined) throw new BadDate(field, JSON.stringify(value))
    return iso
  }
}
