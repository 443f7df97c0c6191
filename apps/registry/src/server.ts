import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadRegistryConfig } from './config.js'

await serve(loadRegistryConfig, buildApp)
