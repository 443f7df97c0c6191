import { Ajv, type Options as AjvOptions, type ErrorObject } from 'ajv'
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
    const ajv = httpPart === 'body' ? strict : coercing
    return ajv.compile(schema as object)
  }
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
    case 'pattern': {
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
