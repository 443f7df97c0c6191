import { Type } from 'typebox'
import { Limit, Uuid } from '@platform/kit'

// A service name as the Procfile spells process types: what the kit registers every service under.
export const ServiceName = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z][a-z0-9-]*$',
  description: 'a service name: lower-case letters, digits and -, starting with a letter',
  examples: ['stats']
})
const Prefix = Type.String({
  maxLength: 128,
  pattern: '^(/[a-z0-9-]+)+$',
  description: 'a path prefix such as /stats or /cinema/movies',
  examples: ['/stats']
})
const InstanceUrl = Type.String({
  maxLength: 256,
  pattern: '^http://[A-Za-z0-9.:\\[\\]-]+:[0-9]{1,5}$',
  description: 'where the instance listens: http://host:port, no path',
  examples: ['http://127.0.0.1:5000']
})
const HealthPath = Type.String({
  maxLength: 128,
  pattern: '^/[A-Za-z0-9/._-]*$',
  description: 'the path of its health endpoint, answered 200 while it serves',
  examples: ['/health']
})

const OpenWrite = Type.String({
  maxLength: 200,
  pattern: '^(POST|PUT|PATCH|DELETE) (/[A-Za-z0-9._~-]+)+$',
  description: 'a write the gateway lets through without a token: METHOD /exact/path',
  examples: ['POST /users/sessions']
})
const OpenWrites = Type.Union([Type.Literal(true), Type.Array(OpenWrite, { maxItems: 20 })], {
  description: 'true: every write of the service is open; or the open ones; absent: every write needs a token'
})

export const Registration = Type.Object(
  {
    service: ServiceName,
    url: InstanceUrl,
    health_path: HealthPath,
    prefix: Type.Optional(Prefix),
    open_writes: Type.Optional(OpenWrites)
  },
  { additionalProperties: false, title: 'Registration' }
)

const Status = Type.Union([Type.Literal('passing'), Type.Literal('critical')])
const Time = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])

export const Instance = Type.Object(
  {
    instance_id: Uuid,
    service: Type.String(),
    prefix: Type.String(),
    url: Type.String(),
    health_path: Type.String(),
    open_writes: Type.Optional(OpenWrites),
    status: Status,
    registered_at: Type.String({ format: 'date-time' }),
    last_checked: Time,
    last_status_code: Type.Union([Type.Integer({ description: '0 when nothing answered' }), Type.Null()])
  },
  { title: 'Instance' }
)

export const InstanceList = Type.Object({ instances: Type.Array(Instance) }, { title: 'InstanceList' })

export const InstanceParams = Type.Object({ instance_id: Uuid }, { additionalProperties: false })
export const InstancesQuery = Type.Object({ service: Type.Optional(ServiceName), limit: Limit(100, 1000) }, { additionalProperties: false })
export const ServiceQuery = Type.Object({ service: ServiceName }, { additionalProperties: false })

export const ServiceHealth = Type.Object(
  {
    service: Type.String(),
    status: Type.Union([Type.Literal('passing'), Type.Literal('warning'), Type.Literal('critical')], {
      description: 'passing: every instance passes; warning: some do; critical: none does'
    }),
    passing: Type.Integer(),
    critical: Type.Integer(),
    instances: Type.Array(Instance)
  },
  { title: 'ServiceHealth' }
)
