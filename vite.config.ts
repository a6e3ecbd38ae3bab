import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { createLogger, defineConfig, loadEnv, type ProxyOptions } from 'vite'

const DEFAULT_API_TARGET = 'http://localhost:3000'
const DEFAULT_PORT = 5173
/** What the proxy meets while the API restarts under `npm run dev`: said once, not as a stack trace per request. */
const API_AWAY_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED'])

/**
 * Vite's logger, with proxy errors from an API that is restarting (or not started yet) folded
 * into one line every few seconds instead of a stack trace per request and socket.
 */
function createDevLogger(target: string) {
  const logger = createLogger()
  const logError = logger.error.bind(logger)
  let lastNoticeAt = 0
  logger.error = (message, options) => {
    const code = (options?.error as NodeJS.ErrnoException | null | undefined)?.code
    if (!message.includes('proxy') || !code || !API_AWAY_CODES.has(code)) return logError(message, options)
    if (Date.now() - lastNoticeAt < 5_000) return
    lastNoticeAt = Date.now()
    logger.warn(`The API at ${target} is not answering (${code}): restarting, or not started yet.`, {
      timestamp: true,
    })
  }
  return logger
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_')
  const target = env.VITE_API_PROXY_TARGET || DEFAULT_API_TARGET
  const port = Number(env.VITE_PORT) || DEFAULT_PORT

  // Host is left as the dev server's (no changeOrigin) so the API sees the same origin the browser
  // does: session cookies and Origin checks then behave exactly as in production, where the API
  // serves the SPA itself.
  const toApi = (options: Omit<ProxyOptions, 'target'> = {}): ProxyOptions => ({
    target,
    changeOrigin: false,
    xfwd: true,
    ...options,
  })

  return {
    plugins: [react(), tailwindcss()],
    customLogger: createDevLogger(target),
    server: {
      // Strict: the API's FRONTEND_URL names this port, so another one would fail its origin checks.
      port,
      strictPort: true,
      proxy: {
        // The voice and device-check WebSockets live under /api/ws/, so /api needs upgrades too.
        '/api/': toApi({ ws: true }),
        '/socket.io/': toApi({ ws: true }),
        // Exact paths only: a prefix match would also swallow SPA routes such as /healthcare-jobs.
        '^/(health|ready)(\\?.*)?$': toApi(),
      },
    },
    build: {
      outDir: 'dist',
      sourcemap: true,
    },
  }
})
