import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

/**
 * One log line per request, written when it is answered: the request (method, URL, host, peer),
 * the status and the time taken, under its `request_id` (as pino-http logs). Fastify's default
 * writes two (`incoming request`, then `request completed`): with both, pino took ~8 % of a GET
 * stats request's CPU (--cpu-prof), and the first line says nothing the second does not. The
 * `incoming request` line is still there at LOG_LEVEL=debug, to find a request that never ends.
 * Fastify's LogController is made to be extended this way.
 */
export class RequestLog extends LogController {
  override incomingRequest (request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request')
  }

  override requestCompleted (error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return
    if (error) {
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored')
    } else {
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
    }
  }
}
