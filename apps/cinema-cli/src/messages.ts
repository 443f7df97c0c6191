// Every way the cinema can say no, as a sentence for the person at the keyboard.
import { CinemaError } from './client.js'
import { formatDate } from './render.js'
import { isNotSignedIn } from './sessions.js'

export interface Context {
  username?: string | undefined
  date?: string | undefined
  title?: string | undefined
}

/** `/cinema/bookings/...` -> `The cinema's bookings service`; `/users/...` -> the accounts service. */
const serviceOf = (path: string) => /^\/users(\/|$)/.test(path)
  ? "The platform's accounts service"
  : `The cinema's ${/^\/cinema\/([a-z]+)/.exec(path)?.[1] ?? 'cinema'} service`

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
    return `${service} is not available right now. Try again in a moment.`
  }
  if (err.code === 'GATEWAY_404') return `The gateway at ${gatewayUrl} has no cinema. Is GATEWAY_URL right?`
  if (err.code === 'GATEWAY_429') return 'Too many writes in a short time: the gateway asks to slow down. Try again in a moment.'
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
  if (err.code === 'USERS_BAD_CREDENTIALS') return `Cannot sign in${ctx.username ? ` as ${ctx.username}` : ''}: wrong password, or no account of that name.`
  if (err.code === 'USERS_TOO_MANY_SIGNINS') return `Too many failed sign-ins${ctx.username ? ` for ${ctx.username}` : ''}: wait a minute, then try again.`
  if (err.code === 'USERS_TOKEN_MISSING') return 'Not signed in: the cinema takes bookings only from a signed-in account.'
  if (err.code === 'USERS_TOKEN_EXPIRED') return 'The sign-in has expired: sign in again.'
  if (err.code === 'USERS_TOKEN_INVALID') return 'The sign-in token is not valid on this platform: sign in again.'
  if (is(err, 'FORBIDDEN')) {
    const as = /^(\S+) may not act as/.exec(err.message)?.[1]
    return `${as ? `Signed in as ${as}: y` : 'Y'}ou may only book and cancel for yourself.`
  }
  if (is(err, 'BAD_DATE')) return `"${ctx.date ?? ''}" is not a date the cinema knows. Use YYYYMMDD (20151201) or YYYY-MM-DD.`
  return `The cinema did not accept that: ${err.message}`
}

/**
 * The exit code of a command that failed this way: 1 refused, 3 unreachable or failing (or the
 * gateway's write rate limit: try again later), 4 not signed in (see NOT_SIGNED_IN).
 */
export function exitCodeOf (err: unknown): number {
  if (isNotSignedIn(err)) return NOT_SIGNED_IN
  return err instanceof CinemaError && err.kind === 'refused' && err.code !== 'GATEWAY_429' ? 1 : 3
}

/**
 * The exit code for "not signed in": no password or token given, a wrong password, too many
 * failed sign-ins, a token expired or not the platform's, or a token of another user.
 */
export const NOT_SIGNED_IN = 4
