import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadEventsConfig } from './config.js'

await serve(loadEventsConfig, buildApp)
