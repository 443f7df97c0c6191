import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadDocsConfig } from './config.js'

await serve(loadDocsConfig, buildApp)
