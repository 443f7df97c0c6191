import { runService } from '@platform/kit'
import { buildApp } from './app.js'
import { loadPostsConfig } from './config.js'

const config = loadPostsConfig()
const app = await buildApp(config)
await runService(app, config)
