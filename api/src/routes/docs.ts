import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { Hono } from 'hono'
import type { AppEnv } from '../middleware/app-env.js'
import { SECURITY_SCHEMES, withStandardResponses } from '../schemas/openapi.js'

const OPENAPI_PATH = '/api/openapi.json'

// The reference page's script is served from this origin, so the page needs no third-party host
// and the API's Content-Security-Policy (scripts from 'self' only) holds there too. Read when first
// asked for, not at start-up: most instances never serve it.
let scalarBundle: Buffer<ArrayBuffer> | undefined
const readScalarBundle = () =>
  (scalarBundle ??= readFileSync(
    join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser/standalone.js'),
  ))

// The standalone bundle mounts a reference of its own into any element with the id `api-reference`
// (configured from its attributes, so with no document: a skeleton forever). The page mounts its one
// reference elsewhere, from start.js, which the CSP allows where an inline script would not be.
const REFERENCE_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
    <title>VantaHire API reference</title>
  </head>
  <body>
    <div id="vantahire-api-reference"></div>
    <script src="/api/docs/prepare.js"></script>
    <script src="/api/docs/scalar.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>`

/**
 * Everything that would reach a third party is off: the AI agent ("Ask AI") and MCP, telemetry, the
 * hosted fonts (the reference uses the system fonts the app uses), and the button that opens the
 * hosted API client. "Test request" stays: it calls this origin with the credentials each operation
 * declares.
 */
const REFERENCE_CONFIGURATION = {
  url: OPENAPI_PATH,
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  hideClientButton: true,
  showDeveloperTools: 'never',
  documentDownloadType: 'json',
  metaData: { title: 'VantaHire API reference' },
  customCss: `.scalar-app, .scalar-api-reference {
  --scalar-font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
/* Darker than the default light theme where its text and method badges fall short of WCAG AA contrast. */
body.light-mode, body .light-mode {
  --scalar-color-2: #3f3f46;
  --scalar-color-3: #52525b;
  --scalar-sidebar-color-2: #3f3f46;
  --scalar-color-blue: #0b5cad;
  --scalar-color-green: #0a6b47;
  --scalar-color-orange: #9a4a00;
  --scalar-color-red: #b3000a;
  --scalar-color-yellow: #6f5400;
  --scalar-color-purple: #5203d1;
}`,
}

// The bundle's zod probes whether it may compile validators with `Function()`, which the CSP (no
// 'unsafe-eval') refuses and reports as a violation; told to interpret them instead, it never asks.
const PREPARE_SCRIPT = 'globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true }'

/**
 * Starts the reference, then names what its markup leaves unnamed for assistive technology: the
 * icon-only copy buttons, and the "Show more" buttons whose label does not include what they show.
 * Re-applied as the reference renders more of itself; a label once fixed is left alone.
 */
const START_SCRIPT = `Scalar.createApiReference('#vantahire-api-reference', ${JSON.stringify(REFERENCE_CONFIGURATION)})
const nameButtons = () => {
  for (const button of document.querySelectorAll('button.scalar-code-copy:not([aria-label])'))
    button.setAttribute('aria-label', 'Copy')
  for (const button of document.querySelectorAll('button.show-more[aria-label]')) {
    const text = button.textContent.trim()
    const label = button.getAttribute('aria-label')
    if (text && !label.toLowerCase().includes(text.toLowerCase())) button.setAttribute('aria-label', text + ': ' + label)
  }
}
new MutationObserver(nameButtons).observe(document.body, {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['aria-label'],
})`

const DESCRIPTION = `VantaHire runs AI job interviews. This is its HTTP API.

**Who may call what.** Every operation declares its \`security\` (an empty list: anyone) and its description names its callers:
- the SPA, by the session cookie set at sign-in (state changes must carry the app's \`Origin\`);
- integrators, by an API key: \`Authorization: Bearer vh_…\`, created on the API keys page, with scopes \`interviews:read\`, \`interviews:write\` and \`results:read\`, and a daily limit reported in \`X-RateLimit-*\` headers;
- candidates, by the token of their interview link in \`X-Interview-Token\`.

**Errors** always look like \`{ "error": { "code", "message", "requestId", "details"? } }\`; validation failures (400 \`VALIDATION_FAILED\`) list \`details.issues[{ path, message }]\`. Every status an operation can answer is listed with it, including those any request can meet: 400 for text that cannot be stored, 401 for an \`Authorization\` header that is not a valid API key (even where none is needed), 429 once an API key has used its day, 503 while a service is unavailable, and 431 for a URL over 16 KB.

**Lists** are paged with \`?limit=\` (1–100) and \`?cursor=\` (the previous page's \`nextCursor\`).

**For integrators**, the usual flow:
1. \`POST /api/interviews\` with \`{ "jobRole", "candidateEmail", "questions": [...] }\` — the answer holds the candidate's link (\`link.url\`).
2. \`GET /api/interviews?status=COMPLETED\` to find finished interviews.
3. \`GET /api/interviews/{id}/results\` for the transcript, score and summary.`

/** `GET /api/openapi.json` and the interactive reference at `/api/docs`. Public. */
export function registerDocs(app: OpenAPIHono<AppEnv>, version: string) {
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) {
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme)
  }
  // Every operation also answers what the app-wide middleware can answer (see withStandardResponses).
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== 'route') continue
    definition.route = withStandardResponses(definition.route, {
      isWebhook: definition.route.path.startsWith('/api/webhooks/'),
    })
  }
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: { title: 'VantaHire API', version, description: DESCRIPTION },
  })
  const docs = new Hono<AppEnv>()
    .get('/', (c) => c.html(REFERENCE_PAGE))
    .get('/scalar.js', (c) => {
      c.header('Content-Type', 'text/javascript; charset=utf-8')
      c.header('Cache-Control', 'public, max-age=86400')
      return c.body(readScalarBundle())
    })
    .get('/prepare.js', (c) => {
      c.header('Content-Type', 'text/javascript; charset=utf-8')
      return c.body(PREPARE_SCRIPT)
    })
    .get('/start.js', (c) => {
      c.header('Content-Type', 'text/javascript; charset=utf-8')
      return c.body(START_SCRIPT)
    })
  app.route('/api/docs', docs)
}
