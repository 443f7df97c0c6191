import { Ajv, type Options as AjvOptions, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import { isDateOrTimestamp, isTimestamp } from './time.js'
import { hasVisibleText } from './schemas.js'

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

function makeAjv (options: AjvOptions): Ajv {
  const ajv = new Ajv({
    // Unknown fields are an error (400), never silently dropped.
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    // Errors carry their schema, so a pattern error can quote the field's description.
    verbose: true,
    strict: false,
    ...options
  })
  addFormats(ajv)
  // The platform's own date formats (time.ts): what they accept is what the code parses.
  ajv.addFormat('date-or-timestamp', isDateOrTimestamp)
  ajv.addFormat('timestamp', isTimestamp)
  ajv.addFormat('visible-text', hasVisibleText)
  return ajv
}

/**
 * Bodies are JSON and must carry the right types ("5" is not 5); params and query strings are
 * text by nature, so they are coerced. Fastify's default coerces bodies too, hence two Ajvs.
 */
export function createValidatorCompiler (): FastifySchemaCompiler<unknown> {
  const strict = makeAjv({ coerceTypes: false })
  const coercing = makeAjv({ coerceTypes: 'array' })
  return ({ schema, httpPart }) => {
    if (httpPart === 'body') return strict.compile(schema as object)
    return decimalOnly(schema as Record<string, unknown>, coercing.compile(schema as object))
  }
}

const DECIMAL = {
  integer: /^-?[0-9]{1,300}$/,
  number: /^-?[0-9]{1,300}(?:\.[0-9]{1,300})?$/
}

function numericKind (schema: unknown): 'integer' | 'number' | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined
  const s = schema as { type?: unknown, anyOf?: unknown[], oneOf?: unknown[] }
  const types = new Set<unknown>(Array.isArray(s.type) ? s.type : [s.type])
  for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    const t = (branch as { type?: unknown } | null)?.type
    for (const type of Array.isArray(t) ? t : [t]) types.add(type)
  }
  // A parameter that may also be a string takes "0x10" as the string it is.
  if (types.has('string')) return undefined
  if (types.has('number')) return 'number'
  return types.has('integer') ? 'integer' : undefined
}

/**
 * Ajv coerces a string to a number the way JavaScript does: "0x10" is 16, "1e1" 10, " 10" and
 * "+5" pass. A number in a URL is decimal digits, with a minus where the schema allows
 * negatives: anything else is the parameter's 400, before Ajv coerces it.
 */
function decimalOnly (schema: Record<string, unknown>, validate: ValidateFunction): ValidateFunction {
  const properties = (schema.properties ?? {}) as Record<string, unknown>
  const numeric = Object.entries(properties)
    .map(([name, property]) => [name, numericKind(property)] as const)
    .filter((entry): entry is readonly [string, 'integer' | 'number'] => entry[1] !== undefined)
  if (numeric.length === 0) return validate
  const checked = function (data: unknown) {
    if (typeof data === 'object' && data !== null) {
      for (const [name, kind] of numeric) {
        const value = (data as Record<string, unknown>)[name]
        for (const item of Array.isArray(value) ? value : [value]) {
          if (typeof item === 'string' && !DECIMAL[kind].test(item)) {
            checked.errors = [{
              keyword: 'decimal',
              instancePath: `/${name}`,
              schemaPath: `#/properties/${name}/type`,
              params: { type: kind },
              message: kind === 'integer' ? 'must be an integer written in decimal digits (0-9, a leading - if negative)' : 'must be a number written in decimal digits'
            }]
            return false
          }
        }
      }
    }
    const valid = validate(data)
    checked.errors = validate.errors
    return valid
  } as ValidateFunction
  return checked
}

/** Turns Ajv's errors into one message that names the offending field. */
export function formatSchemaErrors (
  errors: FastifySchemaValidationError[],
  dataVar: string
): Error {
  const parts = errors.map((e) => describe(e as unknown as ErrorObject, dataVar))
  const error = new Error(parts.join('; '))
  return error
}

function describe (e: ErrorObject, dataVar: string): string {
  const path = dataVar + (e.instancePath ? e.instancePath.replace(/^\//, '/') : '')
  switch (e.keyword) {
    case 'additionalProperties':
      return `${path}/${(e.params as { additionalProperty: string }).additionalProperty} is not an allowed field`
    case 'required':
      return `${path}/${(e.params as { missingProperty: string }).missingProperty} is required`
    case 'maxLength':
    case 'minLength':
    case 'pattern': {
      // A length error on a patterned string (a UUID, a username) says the same rule.
      if (e.keyword !== 'pattern' && !(e.parentSchema as { pattern?: string } | undefined)?.pattern) return `${path} ${e.message ?? 'is invalid'}`
      // A regular expression tells a client little; the schema's description says the rule.
      const description = (e.parentSchema as { description?: string } | undefined)?.description
      return description
        ? `${path} must be ${description.charAt(0).toLowerCase()}${description.slice(1)}`
        : `${path} ${e.message ?? 'is invalid'}`
    }
    case 'format': {
      // As for patterns: the field's description says the rule better than the format's name.
      const description = (e.parentSchema as { description?: string } | undefined)?.description
      return description
        ? `${path} must be ${description.charAt(0).toLowerCase()}${description.slice(1)}`
        : `${path} must be a valid ${(e.params as { format: string }).format}`
    }
    default:
      return `${path} ${e.message ?? 'is invalid'}`
  }
}
