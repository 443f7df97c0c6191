import { Type } from 'typebox'

/** `?limit=` with a default and a ceiling: no list endpoint is unbounded. */
export function Limit (defaultLimit: number, max: number) {
  return Type.Integer({ minimum: 1, maximum: max, default: defaultLimit, description: `How many to return (1..${max})` })
}

// A pattern rather than format 'uuid': ajv-formats also accepts a "urn:uuid:" prefix.
export const Uuid = Type.String({
  // Says what the pattern does, so a body limit can count it (body-size.ts).
  maxLength: 36,
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

// A character a reader sees: not white space, not a control or format character, not one of
// the invisible fillers (zero-width space U+200B, word joiner U+2060, Hangul filler U+3164...).
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u

/** True when a person would see something: the rule behind "not blank" everywhere. */
export function hasVisibleText (value: string): boolean {
  return VISIBLE.test(value)
}

/**
 * Free text a person reads (a title, a message): at least one visible character, so a title
 * of spaces or of zero-width characters is no title. Lengths count code points (characters), as
 * JSON Schema's maxLength does: an emoji is one.
 */
export function Text (options: { maxLength: number, description: string, minLength?: number, examples?: string[] }) {
  return Type.String({
    format: 'visible-text',
    minLength: options.minLength ?? 1,
    maxLength: options.maxLength,
    description: options.description,
    ...(options.examples ? { examples: options.examples } : {})
  })
}
