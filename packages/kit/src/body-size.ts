/**
 * The largest JSON text a valid body can be, read off its JSON schema, so a route's body limit
 * can let every valid body in and still refuse a clearly oversized one unread.
 *
 * Worst cases counted: Ajv's maxLength counts code points, and one code point can take 12 bytes
 * of JSON (a surrogate pair written as two \uXXXX escapes); keys can be escaped too; every value
 * may carry some white space (a pretty-printed body); a number is at most NUMBER_BYTES. What a
 * schema does not bound (a string without maxLength, an array without maxItems, an object open
 * to more properties, a $ref) makes the whole body unbounded: `undefined`.
 */

const PER_CODE_POINT = 12
const NUMBER_BYTES = 32
// White space around one value: a newline and indentation, pretty-printed a few levels deep.
const WHITESPACE = 16

// The longest value of formats whose check bounds the length (the kit's own date formats: see time.ts).
const FORMAT_MAX_LENGTH: Record<string, number> = {
  date: 10,
  'date-or-timestamp': 35,
  timestamp: 35
}

type Schema = Record<string, unknown>

const stringBytes = (codePoints: number) => 2 + PER_CODE_POINT * codePoints

function literalBytes (value: unknown): number {
  // Any character of a literal may be escaped.
  return typeof value === 'string' ? stringBytes([...value].length) : PER_CODE_POINT * JSON.stringify(value).length
}

function sum (values: (number | undefined)[]): number | undefined {
  let total = 0
  for (const v of values) {
    if (v === undefined) return undefined
    total += v
  }
  return total
}

function max (values: (number | undefined)[]): number | undefined {
  let most = 0
  for (const v of values) {
    if (v === undefined) return undefined
    most = Math.max(most, v)
  }
  return most
}

const add = (a: number | undefined, b: number) => (a === undefined ? undefined : a + b)

function ofType (s: Schema, type: string): number | undefined {
  switch (type) {
    case 'null': return 4
    case 'boolean': return 5
    case 'integer':
    case 'number': return NUMBER_BYTES
    case 'string': {
      if (typeof s.maxLength === 'number') return stringBytes(s.maxLength)
      const formatMax = typeof s.format === 'string' ? FORMAT_MAX_LENGTH[s.format] : undefined
      return formatMax === undefined ? undefined : stringBytes(formatMax)
    }
    case 'array': {
      if (Array.isArray(s.prefixItems) || Array.isArray(s.items)) {
        const tuple = (Array.isArray(s.prefixItems) ? s.prefixItems : s.items) as unknown[]
        const rest = Array.isArray(s.prefixItems) ? s.items : s.additionalItems
        if (rest !== false && !(typeof s.maxItems === 'number' && s.maxItems <= tuple.length)) return undefined
        return sum([2, ...tuple.map((item) => add(maxJsonBytes(item), 1 + WHITESPACE))])
      }
      if (typeof s.maxItems !== 'number') return undefined
      if (s.maxItems === 0) return 2
      const item = maxJsonBytes(s.items ?? true)
      return item === undefined ? undefined : 2 + s.maxItems * (item + 1 + WHITESPACE)
    }
    case 'object': {
      if (s.additionalProperties !== false || s.patternProperties !== undefined) return undefined
      const properties = Object.entries((s.properties ?? {}) as Record<string, unknown>)
      return sum([2, ...properties.map(([key, value]) => add(maxJsonBytes(value), stringBytes([...key].length) + 2 + WHITESPACE))])
    }
    default: return undefined
  }
}

/** The most bytes of JSON (white space included) a value valid against `schema` can take; undefined when unbounded. */
export function maxJsonBytes (schema: unknown): number | undefined {
  if (schema === false) return 0
  if (typeof schema !== 'object' || schema === null) return undefined
  const s = schema as Schema
  if ('const' in s) return literalBytes(s.const) + WHITESPACE
  if (Array.isArray(s.enum)) return Math.max(0, ...s.enum.map(literalBytes)) + WHITESPACE
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) return max(((s.anyOf ?? s.oneOf) as unknown[]).map(maxJsonBytes))
  if (Array.isArray(s.allOf)) {
    // A value must satisfy every branch: the tightest bound holds.
    const bounds = (s.allOf as unknown[]).map(maxJsonBytes).filter((b): b is number => b !== undefined)
    return bounds.length > 0 ? Math.min(...bounds) : undefined
  }
  if (s.$ref !== undefined) return undefined
  const types = Array.isArray(s.type) ? s.type as string[] : typeof s.type === 'string' ? [s.type] : s.properties ? ['object'] : []
  if (types.length === 0) return undefined
  return add(max(types.map((type) => ofType(s, type))), WHITESPACE)
}
