import { STATUS_CODES } from 'node:http'
import createError from '@fastify/error'
import { Type } from 'typebox'

/** The one error shape every service answers with, 404s for unknown routes included. */
export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer({ examples: [404] }),
    error: Type.String({ examples: ['Not Found'] }),
    message: Type.String(),
    code: Type.String({ examples: ['STATS_USER_NOT_FOUND'] })
  },
  { title: 'Error' }
)

export interface ErrorBody {
  statusCode: number
  error: string
  message: string
  code: string
}

export function errorBody (statusCode: number, message: string, code: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, code }
}

/** Response schemas for the usual error statuses, to spread into a route's `response`. */
export function errorResponses (...statuses: number[]): Record<number, typeof ErrorResponse> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorResponse]))
}

/** `cinema-movies` -> `CINEMA_MOVIES`: the prefix of every error code a service answers. */
export function codePrefix (service: string): string {
  return service.toUpperCase().replace(/[^A-Z0-9]+/g, '_')
}

/**
 * The error classes of one service, each code prefixed with the service's name in one place:
 * `const error = serviceErrors('posts'); const NotFound = error('POST_NOT_FOUND', ..., 404)`
 * answers code `POSTS_POST_NOT_FOUND`.
 */
export function serviceErrors (service: string) {
  const prefix = codePrefix(service)
  return <A extends unknown[] = [unknown?, unknown?, unknown?]>(code: string, message: string, statusCode: number): ServiceError<A> =>
    createError<A>(`${prefix}_${code}`, message, statusCode)
}

/**
 * One error class of a service (`new NotFound(id)`, `instanceof`, `code`, `statusCode`), named
 * here so that the services' compiled declarations can say what their errors are.
 */
export type ServiceError<A extends unknown[]> = createError.FastifyErrorConstructor<{ code: string }, A>
