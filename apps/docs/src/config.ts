import { Type } from 'typebox'
import { loadConfig } from '@platform/kit'

export const docsConfigProperties = {
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3090 }),
  // Comma-separated services whose specs the UI offers; unset: every service running now.
  DOCS_SERVICES: Type.Optional(Type.String())
}

export function loadDocsConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(docsConfigProperties, env)
}

export type DocsConfig = ReturnType<typeof loadDocsConfig>
