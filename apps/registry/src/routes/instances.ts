import { NEVER_SHED, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { InstanceNotFound, ServiceNotFound, UrlTaken } from '../errors.js'
import { Instance, InstanceList, InstanceParams, InstancesQuery, Registration, ServiceHealth, ServiceQuery } from '../schemas.js'
import { traefikConfig } from '../traefik-config.js'

const tags = ['instances']

const instancesRoutes: FastifyPluginAsyncTypebox<{ gatewayUrl: string }> = async (app, opts) => {
  app.post('/registry/instances', {
    schema: {
      tags,
      summary: 'Register an instance',
      description: 'Answers 201 with the instance and its `instance_id`. The same URL again is 200 with the same id ' +
        '(a restarted instance registers again) and makes it passing. The kit does this for every service.',
      body: Registration,
      response: { 200: Instance, 201: Instance, ...errorResponses(400, 409, 413, 415) }
    }
  }, async (request, reply) => {
    const registered = app.registry.register(request.body)
    if (!registered) throw new UrlTaken(request.body.url, app.registry.holderOf(request.body.url)?.service ?? 'another service')
    const { instance, created } = registered
    return reply.code(created ? 201 : 200).header('location', `/registry/instances/${instance.instance_id}`).send(instance)
  })

  app.delete('/registry/instances/:instance_id', {
    schema: {
      tags,
      summary: 'Deregister an instance',
      description: 'Answers 200 with the instance as it was. The kit does this when an instance starts shutting down.',
      params: InstanceParams,
      response: { 200: Instance, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const instance = app.registry.deregister(request.params.instance_id)
    if (!instance) throw new InstanceNotFound(request.params.instance_id)
    return instance
  })

  app.get('/registry/instances', {
    schema: {
      tags,
      summary: 'Registered instances, of one service or all, with their health',
      querystring: InstancesQuery,
      response: { 200: InstanceList, ...errorResponses(400) }
    }
  }, async (request) => ({ instances: app.registry.list(request.query.limit, request.query.service) }))

  app.get('/registry/health', {
    schema: {
      tags: ['health checks'],
      summary: 'The health of a service: how many of its instances pass their checks',
      querystring: ServiceQuery,
      response: { 200: ServiceHealth, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const { service } = request.query
    const instances = app.registry.list(1000, service)
    if (instances.length === 0) throw new ServiceNotFound(service)
    const passing = instances.filter((i) => i.status === 'passing').length
    const status = passing === instances.length ? 'passing' as const : passing > 0 ? 'warning' as const : 'critical' as const
    return { service, status, passing, critical: instances.length - passing, instances }
  })

  app.get('/registry/traefik', {
    schema: {
      tags: ['gateway'],
      summary: "The gateway's dynamic configuration (Traefik's HTTP provider polls it)",
      description: 'Routers by path prefix (reads open, writes authenticated unless the service declared them open) and, per service, a round robin over its passing instances.',
      response: { 200: { type: 'object', additionalProperties: true } }
    },
    logLevel: 'warn',
    // The gateway's own lifeline, like /health: refused, Traefik keeps an old configuration.
    config: NEVER_SHED
  }, async () => traefikConfig(app.registry.everyInstance(), opts.gatewayUrl))
}

export default instancesRoutes
