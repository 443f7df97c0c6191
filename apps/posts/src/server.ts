import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadPostsConfig } from './config.js'

await serve(loadPostsConfig, buildApp)
