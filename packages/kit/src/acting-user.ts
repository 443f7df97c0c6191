import type { FastifyRequest } from 'fastify'
import { serviceErrors } from './error-shape.js'

/**
 * The header the gateway sets on a write it has authenticated: the bearer token's username.
 * The gateway removes any value a client sent, so a service may trust it. A request without it
 * did not come through the gateway's authentication (an internal call on loopback, a test).
 */
export const AUTH_USER_HEADER = 'x-auth-user'

/** The authenticated username of a request, if the gateway authenticated it. */
export function authenticatedUser (request: FastifyRequest): string | undefined {
  const value = request.headers[AUTH_USER_HEADER]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * A write acts as its token's user: where the body or the path names a username, it must be
 * that user (usernames are one identity whatever their letter case), else the service's
 * `<PREFIX>_FORBIDDEN` 403. Several names: any of them (a message's sender or recipient).
 * Routes that call it document 403.
 */
export function actingUserGuard (service: string) {
  const Forbidden = serviceErrors(service)<[string, string]>('FORBIDDEN', '%s may not act as %s', 403)
  return (request: FastifyRequest, ...usernames: string[]): void => {
    const user = authenticatedUser(request)?.toLowerCase()
    if (user !== undefined && !usernames.some((name) => name.toLowerCase() === user)) {
      throw new Forbidden(authenticatedUser(request)!, usernames.join(' or '))
    }
  }
}
