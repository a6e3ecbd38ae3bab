import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig, loadEnv, type ProxyOptions } from 'vite'

const DEFAULT_API_TARGET = 'http://localhost:3000'

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_')
  const target = env.VITE_API_PROXY_TARGET || DEFAULT_API_TARGET

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
    server: {
      port: 5173,
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
