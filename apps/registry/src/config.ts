import { Type } from 'typebox'
import { gatewayUrlConfig, loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export const registryConfigProperties = {
  ...databaseFileConfig('registry'),
  // The gateway's own address: writes are authenticated by a subrequest through it.
  ...gatewayUrlConfig(),
  // How often every instance's health endpoint is checked, and how long one check may take.
  CHECK_INTERVAL_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  CHECK_TIMEOUT_MS: Type.Integer({ minimum: 50, default: 2_000 }),
  // An instance failing its checks this long is removed.
  DEREGISTER_AFTER_MS: Type.Integer({ minimum: 0, default: 90_000 })
}

/**
 * The registry listens where every instance and the gateway expect it: REGISTRY_PORT (9997),
 * not the port a foreman hands out, since nothing could find it there.
 */
export function loadRegistryConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(registryConfigProperties, { ...env, PORT: env.REGISTRY_PORT ?? '9997' })
}

export type RegistryConfig = ReturnType<typeof loadRegistryConfig>
