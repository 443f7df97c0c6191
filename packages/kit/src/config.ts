import envSchema from 'env-schema'
import { Type, type Static, type TProperties, type TObject } from 'typebox'

// Every service reads these; a service adds its own properties next to them.
export const baseConfigProperties = {
  // Loopback: the gateway is the way in. HOST=0.0.0.0 (or an address) opens an instance up.
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' }
  ),
  // A route's body limit fits every body its schema accepts (route-rules.ts), never below
  // BODY_LIMIT (also the limit of a route whose schema bounds nothing) nor above BODY_LIMIT_MAX.
  BODY_LIMIT: Type.Integer({ minimum: 1024, default: 16 * 1024 }),
  BODY_LIMIT_MAX: Type.Integer({ minimum: 1024, default: 1024 * 1024 }),
  // Time limits on what a client sends (a slow or stalled client gets a 408 and is closed):
  // the whole request, headers and body, must arrive within REQUEST_TIMEOUT_MS, its headers
  // within HEADERS_TIMEOUT_MS; an idle keep-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS.
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 30_000 }),
  HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 10_000 }),
  KEEP_ALIVE_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 72_000 }),
  // How long a SIGTERMed instance keeps serving with /health failing, so the gateway's health
  // check takes it out of rotation before its listener closes.
  SHUTDOWN_DELAY_MS: Type.Integer({ minimum: 0, default: 0 }),
  // Hard limit on the whole graceful close; past it the process exits non-zero.
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000 }),
  // Load shedding: while the event loop lags more than this (mean over a second), requests get
  // a fast 503 with Retry-After instead of a slow answer; 0 turns it off.
  SHED_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, default: 200 }),
  // The service registry every instance registers with (see registration.ts); empty: none.
  REGISTRY_URL: Type.String({ default: 'http://127.0.0.1:9997' })
}

export type BaseConfig = Static<TObject<typeof baseConfigProperties>>

/**
 * Reads and validates configuration once, at boot. Handlers get the result passed down
 * and never touch process.env. Throws naming every bad variable.
 */
export function loadConfig<P extends TProperties> (
  extra: P,
  env: Record<string, string | undefined> = process.env
): Static<TObject<typeof baseConfigProperties & P>> {
  const schema = Type.Object({ ...baseConfigProperties, ...extra })
  return envSchema({ schema: schema as object, data: env, dotenv: false }) as Static<
    TObject<typeof baseConfigProperties & P>
  >
}
