// What every script reads from the environment, in one place.
// BASE_URL is the gateway by default: the suite tests the platform as a client sees it.
export const BASE_URL = (__ENV.BASE_URL || 'http://localhost:9999').replace(/\/+$/, '')

/** A duration from the environment (k6 syntax: 30s, 1m, 1m30s), or the default. */
export function duration (name, fallback) {
  return __ENV[name] || fallback
}

/** A positive number from the environment, or the default. */
export function number (name, fallback) {
  const raw = __ENV[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`)
  return value
}

/** Which service modules to drive: K6_SERVICES=stats,posts (default: every module the suite knows). */
export function selectedServices (all) {
  const wanted = (__ENV.K6_SERVICES || '').split(',').map((s) => s.trim()).filter(Boolean)
  if (wanted.length === 0) return all
  const unknown = wanted.filter((name) => !all.some((s) => s.name === name))
  if (unknown.length) throw new Error(`K6_SERVICES names unknown services: ${unknown.join(', ')}`)
  return all.filter((s) => wanted.includes(s.name))
}
