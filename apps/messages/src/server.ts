import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadMessagesConfig } from './config.js'

await serve(loadMessagesConfig, buildApp)
