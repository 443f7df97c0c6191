// Hostile requests every service refuses the same way (the kit does it): tables for runCases.
// See the README's HTTP conventions.

/** Integers in URLs are decimal digits: hex, binary, octal, exponents, spaces, plus signs are not. */
export const NON_DECIMAL = ['0x10', '0b11', '0o7', '1e1', '%2010', '10%20', '%2B5', '1.0']

/** Text a person does not see: zero-width space, word joiners, Hangul filler, no-break space and BOM. */
export const INVISIBLE = ['\u200b', '\u2060\u2060', '\u3164', '\u00a0\ufeff']

const withParam = (path, param) => `${path}${path.includes('?') ? '&' : '?'}${param}`

/** `?limit=0x10` and the like on list routes: 400 naming querystring/limit. */
export function nonDecimalLimits (label, paths) {
  return paths.flatMap((path) => NON_DECIMAL.map((n) => ({
    method: 'GET', path: withParam(path, `limit=${n}`), label: `${label}: limit=${n}`, status: 400, code: 'FST_ERR_VALIDATION'
  })))
}

/** An unknown query parameter on each route: [method, path, body?] -> 400. */
export function unknownParameters (label, routes) {
  return routes.map(([method, path, body]) => ({
    method, path: withParam(path, 'x=1'), body, label: `${label}: unknown parameter on ${method} ${path.split('?')[0]}`, status: 400, code: 'FST_ERR_VALIDATION'
  }))
}

/**
 * The body as JSON text with a lone surrogate (the escape `\ud800`) at the start of `field`'s
 * string value: valid JSON, ill-formed Unicode.
 */
export function withLoneSurrogate (body, field) {
  const text = JSON.stringify(body)
  const key = `"${field}":"`
  if (!text.includes(key)) throw new Error(`withLoneSurrogate: no string field ${field}`)
  return text.replace(key, `${key}\\ud800`)
}

/** A lone surrogate in each string field, and invisible text in each "not blank" field: 400s. */
export function badText (label, method, path, good, { fields = [], visible = [] }) {
  return [
    ...fields.map((f) => ({ method, path, label: `${label}: lone surrogate in ${f}`, body: withLoneSurrogate(good, f), status: 400, code: 'FST_ERR_VALIDATION' })),
    ...visible.flatMap((f) => INVISIBLE.map((text) => ({
      method, path, label: `${label}: ${f} of invisible ${codePoints(text)}`, body: { ...good, [f]: text }, status: 400, code: 'FST_ERR_VALIDATION'
    })))
  ]
}

/** Plain JSON labelled gzip (400) and a coding nobody supports (415). */
export function badEncodings (label, method, path, good) {
  return [
    { method, path, label: `${label}: plain JSON labelled gzip`, body: good, headers: { 'Content-Encoding': 'gzip' }, status: 400, code: 'FST_ERR_CTP_INVALID_CONTENT_ENCODING' },
    { method, path, label: `${label}: Content-Encoding compress`, body: good, headers: { 'Content-Encoding': 'compress' }, status: 415, code: 'FST_ERR_CTP_UNSUPPORTED_CONTENT_ENCODING' }
  ]
}

function codePoints (text) {
  return [...text].map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ')
}
