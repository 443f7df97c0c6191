import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadPollsConfig } from './config.js'

await serve(loadPollsConfig, buildApp)
