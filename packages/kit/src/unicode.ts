import type { FastifyInstance } from 'fastify'

// In a `u` regular expression a surrogate pair is one code point: only a lone surrogate matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/** True when `value` is well-formed UTF-16 (String.prototype.isWellFormed, which Node 20's types lack). */
export function isWellFormed (value: string): boolean {
  return !LONE_SURROGATE.test(value)
}

/**
 * The first place in `value` holding ill-formed Unicode, as a message naming it, or undefined.
 * Iterative: a deeply nested body must not overflow the stack.
 */
export function findIllFormed (value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]]
  while (stack.length > 0) {
    const [item, path] = stack.pop()!
    if (typeof item === 'string') {
      const found = LONE_SURROGATE.exec(item)
      if (found) {
        const unit = found[0].charCodeAt(0).toString(16).toUpperCase()
        return `${path} must be well-formed Unicode: it holds a lone surrogate (U+${unit})`
      }
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], `${path}/${i}`])
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!
        if (LONE_SURROGATE.test(key)) return `${path} has a field name that is not well-formed Unicode`
        stack.push([child, `${path}/${key}`])
      }
    }
  }
  return undefined
}

/**
 * Text with a lone surrogate (`"\ud800"` is valid JSON) cannot be stored as UTF-8: SQLite would
 * keep bytes that read back as replacement characters. Every string of the body, the query and
 * the path is checked once, here, before schema validation: a 400 naming the field.
 */
export function installUnicodeCheck (app: FastifyInstance): void {
  // A callback hook, not async (it runs on every request); the common case, nothing holding a
  // surrogate at all, is one cheap scan without the path bookkeeping.
  app.addHook('preValidation', (request, _reply, done) => {
    if (!anySurrogate(request.body) && !anySurrogate(request.query) && !anySurrogate(request.params)) return done()
    const message = findIllFormed(request.body, 'body') ?? findIllFormed(request.query, 'querystring') ?? findIllFormed(request.params, 'params')
    if (message) return done(Object.assign(new Error(message), { statusCode: 400, code: 'FST_ERR_VALIDATION' }))
    done()
  })
}

// Any UTF-16 surrogate, paired or not: a quick test whose "no" settles it for the whole value.
const SURROGATE = /[\uD800-\uDFFF]/

/** True when some string (or field name) in `value` holds a surrogate code unit. */
function anySurrogate (value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return SURROGATE.test(value)
  if (typeof value !== 'object' || value === null) return false
  // Deep nesting: leave it to the iterative findIllFormed rather than recurse further.
  if (depth > 32) return true
  if (Array.isArray(value)) {
    for (const item of value) if (anySurrogate(item, depth + 1)) return true
    return false
  }
  for (const key in value) {
    if (SURROGATE.test(key) || anySurrogate((value as Record<string, unknown>)[key], depth + 1)) return true
  }
  return false
}
