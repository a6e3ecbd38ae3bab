import { resolve } from 'node:path'
import { ConfigError, loadConfig } from './infra/config.js'
import { buildServices, closeServices } from './infra/container.js'
import { loadDotEnv } from './infra/env-file.js'
import { startServer } from './server.js'

loadDotEnv()
let config: ReturnType<typeof loadConfig>
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(`VantaHire API cannot start. ${error.message}\nSee .env.example for every variable.`)
  process.exit(1)
}

const services = buildServices(config)
const { logger } = services
// In production the API serves the built SPA itself (one origin); in development Vite does.
const spaRoot = config.SPA_DIST_DIR ?? (config.isProduction ? resolve(process.cwd(), '../dist') : undefined)
const server = await startServer(services, { port: config.PORT, host: config.HOST, spaRoot })
logger.info(
  { port: server.port, env: config.NODE_ENV, spa: spaRoot ?? 'served by Vite' },
  'VantaHire API listening',
)

async function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down')
  await server.close()
  await closeServices(services)
  logger.info('shutdown complete')
  process.exit(0)
}
process.once('SIGTERM', () => void shutdown('SIGTERM'))
process.once('SIGINT', () => void shutdown('SIGINT'))

// A stray rejection is a bug to fix, not a reason to drop every connected candidate.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'))
