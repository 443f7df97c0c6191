/**
 * The errors the gateway makes itself, said once: the registry's Traefik configuration catches
 * these statuses with Traefik's errors middleware, and the docs service answers each with the
 * platform's JSON (`GATEWAY_<code>`). A status added here is caught and answered both.
 */
export interface GatewayError {
  status: number
  code: string
  message: string
  /**
   * Where Traefik catches it: `every` router (the instance died or was silent, or the body was
   * over the gateway's limit), `write` routers that authenticate (the write rate limit: the
   * accounts service's own sign-in throttling, an open write, keeps its code), or `refused`
   * methods (CONNECT, TRACE: whatever Traefik would answer becomes this status).
   */
  caught: 'every' | 'write' | 'refused'
}

export const GATEWAY_ERRORS: readonly GatewayError[] = [
  { status: 405, caught: 'refused', code: 'METHOD_NOT_ALLOWED', message: 'The gateway does not proxy CONNECT or TRACE' },
  { status: 413, caught: 'every', code: 'BODY_TOO_LARGE', message: 'The request body is larger than this route accepts (each route\'s limit is in its docs; the gateway takes at most 1 MiB)' },
  { status: 429, caught: 'write', code: 'TOO_MANY_REQUESTS', message: 'Too many writes from this user: slow down and retry in a second' },
  { status: 502, caught: 'every', code: 'BAD_GATEWAY', message: 'The instance serving the request failed before it answered; a write that is safe to replay may be retried' },
  { status: 504, caught: 'every', code: 'GATEWAY_TIMEOUT', message: 'The service did not answer in time' }
]

/** The statuses caught where `caught` says, as Traefik's errors middleware lists them. */
export function gatewayErrorStatuses (caught: GatewayError['caught']): string[] {
  return GATEWAY_ERRORS.filter((e) => e.caught === caught).map((e) => String(e.status))
}
