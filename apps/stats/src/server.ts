import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadStatsConfig } from './config.js'

await serve(loadStatsConfig, buildApp)
