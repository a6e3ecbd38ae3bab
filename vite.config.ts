import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { createLogger, defineConfig, loadEnv, type Plugin, type ProxyOptions } from 'vite'
import { firstPageSizes } from './scripts/first-page-sizes.ts'

const DEFAULT_API_TARGET = 'http://localhost:3000'
const DEFAULT_PORT = 5173
/** What the proxy meets while the API restarts under `npm run dev`: said once, not as a stack trace per request. */
const API_AWAY_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED'])

/**
 * The candidate's interview is an entry of its own (`interview.html`): the API serves it for these
 * paths in production (`api/src/middleware/spa.ts`), and the dev and preview servers do the same here.
 */
const INTERVIEW_PATH = /^\/interview(\/|$)/
const INTERVIEW_HTML = '/interview.html'

/** Answers `/interview` and `/interview/<token>` with the interview entry instead of index.html. */
function serveInterviewEntry(): Plugin {
  const rewrite = (req: { url?: string }, _res: unknown, next: () => void) => {
    const [path = '', query] = (req.url ?? '').split('?', 2)
    if (INTERVIEW_PATH.test(path))
      req.url = query === undefined ? INTERVIEW_HTML : `${INTERVIEW_HTML}?${query}`
    next()
  }
  return {
    name: 'vantahire:serve-interview-entry',
    configureServer(server) {
      server.middlewares.use(rewrite)
    },
    configurePreviewServer(server) {
      server.middlewares.use(rewrite)
    },
  }
}

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
    plugins: [
      react(),
      tailwindcss(),
      serveInterviewEntry(),
      firstPageSizes({
        pages: [
          { path: '/interview', html: 'interview.html', budgetKb: 100 },
          { path: '/careers', html: 'index.html', page: 'src/pages/job-board-page.tsx' },
          { path: '/', html: 'index.html', page: 'src/pages/landing-page.tsx' },
        ],
      }),
    ],
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
      rolldownOptions: {
        // Two apps over one set of shared chunks: everything else, and the candidate's interview.
        input: { main: 'index.html', interview: 'interview.html' },
      },
    },
  }
})
