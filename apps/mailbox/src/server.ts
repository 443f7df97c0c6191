import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadMailboxConfig } from './config.js'

await serve(loadMailboxConfig, buildApp)
