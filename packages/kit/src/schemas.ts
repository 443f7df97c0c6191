import { Type } from 'typebox'

/** `?limit=` with a default and a ceiling: no list endpoint is unbounded. */
export function Limit (defaultLimit: number, max: number) {
  return Type.Integer({ minimum: 1, maximum: max, default: defaultLimit, description: `How many to return (1..${max})` })
}

// A pattern rather than format 'uuid': ajv-formats also accepts a "urn:uuid:" prefix.
export const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'A UUID: 32 hex digits in the 8-4-4-4-12 form',
  examples: ['3f2c8a4e-1b7d-4c55-9e0a-6d2f1c3b4a59']
})

/**
 * A username, the same rule on every service of the platform: 1..64 letters, digits, '.', '_'
 * or '-'. "." and ".." are refused: clients and the gateway normalise them out of URL paths.
 */
export const Username = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^(?!\\.{1,2}$)[A-Za-z0-9._-]+$',
  description: "1..64 letters, digits, '.', '_' or '-' (not '.' or '..')",
  examples: ['ada_lovelace']
})
