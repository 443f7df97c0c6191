import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { serviceErrors } from './error-shape.js'

/**
 * The GATEWAY_URL setting of a service that reads another service: other services are reached
 * through the gateway (it knows the running instances and balances them). Spread into the
 * properties given to loadConfig. A test may point it straight at one service process.
 * Unset, it is the gateway of the process's own formation: the runner gives every process
 * GATEWAY_PORT (a throwaway test stack's gateway is not on 9999).
 */
export function gatewayUrlConfig (env: Record<string, string | undefined> = process.env) {
  return {
    GATEWAY_URL: Type.String({ minLength: 1, default: `http://127.0.0.1:${env.GATEWAY_PORT || '9999'}` }),
    // How long a read of another service may take before it is a 503 (upstream's timeoutMs).
    UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 3000 })
  }
}

export interface UpstreamReply<T> {
  status: number
  body: T
}

/**
 * Reads of another service, for the service named `service`. Each call carries the incoming
 * request's x-request-id (one request can be followed across services in the log) and a
 * timeout; an upstream that cannot be reached or answers 5xx is this service's
 * `<PREFIX>_UPSTREAM_UNAVAILABLE` 503, never a 500.
 */
export function upstream (service: string, baseUrl: string, timeoutMs = 3000) {
  const Unavailable = serviceErrors(service)<[string, string]>('UPSTREAM_UNAVAILABLE', '%s did not answer: %s', 503)
  return {
    async get<T = unknown> (path: string, request?: FastifyRequest): Promise<UpstreamReply<T>> {
      let res: Response
      try {
        res = await fetch(`${baseUrl}${path}`, {
          headers: { accept: 'application/json', ...(request ? { 'x-request-id': request.id } : {}) },
          signal: AbortSignal.timeout(timeoutMs)
        })
      } catch (err) {
        throw new Unavailable(path, (err as Error).message)
      }
      if (res.status >= 500) throw new Unavailable(path, `status ${res.status}`)
      return { status: res.status, body: (await res.json()) as T }
    }
  }
}
