// Every way the cinema can say no, as a sentence for the person at the keyboard.
import { CinemaError } from './client.js'
import { formatDate } from './render.js'

export interface Context {
  username?: string | undefined
  date?: string | undefined
  title?: string | undefined
}

/** `/cinema/bookings/...` -> `bookings`. */
const serviceOf = (path: string) => /^\/cinema\/([a-z]+)/.exec(path)?.[1] ?? 'cinema'

const is = (err: CinemaError, code: string) => err.code.endsWith(`_${code}`)

export function friendly (err: unknown, gatewayUrl: string, ctx: Context = {}): string {
  if (!(err instanceof CinemaError)) return `Something went wrong: ${(err as Error)?.message ?? String(err)}`
  const date = ctx.date ? formatDate(ctx.date) : 'that day'
  const title = ctx.title ?? 'that movie'
  if (err.kind === 'unreachable') {
    return `Cannot reach the cinema at ${gatewayUrl} (${err.message.replace(/^[A-Z]+ \S+: /, '')}). Is the platform running? Start it with: pnpm start`
  }
  if (is(err, 'UPSTREAM_UNAVAILABLE') || err.code === 'GATEWAY_503') {
    // The service asked could not reach another one (the path opens its message), or the gateway has no instance of it.
    const service = is(err, 'UPSTREAM_UNAVAILABLE') ? serviceOf(err.message) : serviceOf(err.path)
    return `The cinema's ${service} service is not available right now. Try again in a moment.`
  }
  if (err.code === 'GATEWAY_404') return `The gateway at ${gatewayUrl} has no cinema. Is GATEWAY_URL right?`
  if (err.kind === 'failed') return `The cinema had a problem (${err.status} ${err.code}). Try again later.`

  if (is(err, 'USER_NOT_FOUND')) return `There is no user "${ctx.username ?? err.message.replace(/^no user /, '')}".`
  if (is(err, 'SHOWTIME_NOT_FOUND')) return `There are no shows on ${date}.`
  if (is(err, 'MOVIE_NOT_SHOWN')) return `${title} is not shown on ${date}.`
  if (is(err, 'MOVIE_NOT_FOUND')) return 'There is no such movie.'
  if (is(err, 'BOOKING_NOT_FOUND')) return 'There is no such booking.'
  if (is(err, 'SOLD_OUT')) {
    const left = Number(/: (\d+) seats left/.exec(err.message)?.[1] ?? 0)
    return left === 0
      ? `Sold out: there are no seats left for ${title} on ${date}.`
      : `Not enough seats: only ${left} left for ${title} on ${date}.`
  }
  if (is(err, 'ALREADY_BOOKED')) return `${ctx.username ?? 'This user'} has already booked ${title} on ${date}. Cancel that booking to book it again.`
  if (is(err, 'FORBIDDEN')) return 'You may only book and cancel for yourself.'
  if (is(err, 'BAD_DATE')) return `"${ctx.date ?? ''}" is not a date the cinema knows. Use YYYYMMDD (20151201) or YYYY-MM-DD.`
  return `The cinema did not accept that: ${err.message}`
}

/** The exit code of a command that failed this way: 1 refused, 3 unreachable or failing. */
export function exitCodeOf (err: unknown): number {
  return err instanceof CinemaError && err.kind === 'refused' ? 1 : 3
}
