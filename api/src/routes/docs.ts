import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { Hono } from 'hono'
import type { AppEnv } from '../middleware/app-env.js'

const OPENAPI_PATH = '/api/openapi.json'

// The reference page's script is served from this origin, so the page needs no third-party host
// and the API's Content-Security-Policy (scripts from 'self' only) holds there too.
const SCALAR_BUNDLE = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser/standalone.js'),
)

const REFERENCE_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>VantaHire API reference</title>
  </head>
  <body>
    <div id="api-reference"></div>
    <script src="/api/docs/scalar.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>`

const START_SCRIPT = `Scalar.createApiReference('#api-reference', {
  url: '${OPENAPI_PATH}',
  withDefaultFonts: false,
  metaData: { title: 'VantaHire API reference' },
})`

const DESCRIPTION = `VantaHire runs AI job interviews. This is its HTTP API.

**Who may call what.** Every route's description names its callers:
- the SPA, by the session cookie set at sign-in (state changes must carry the app's \`Origin\`);
- integrators, by an API key: \`Authorization: Bearer vh_…\`, created on the API keys page, with scopes \`interviews:read\`, \`interviews:write\` and \`results:read\`, and a daily limit reported in \`X-RateLimit-*\` headers;
- candidates, by the token of their interview link in \`X-Interview-Token\`.

**Errors** always look like \`{ "error": { "code", "message", "requestId", "details"? } }\`; validation failures (400 \`VALIDATION_FAILED\`) list \`details.issues[{ path, message }]\`.

**Lists** are paged with \`?limit=\` (1–100) and \`?cursor=\` (the previous page's \`nextCursor\`).

**For integrators**, the usual flow:
1. \`POST /api/interviews\` with \`{ "jobRole", "candidateEmail", "questions": [...] }\` — the answer holds the candidate's link (\`link.url\`).
2. \`GET /api/interviews?status=COMPLETED\` to find finished interviews.
3. \`GET /api/interviews/{id}/results\` for the transcript, score and summary.`

/** `GET /api/openapi.json` and the interactive reference at `/api/docs`. Public. */
export function registerDocs(app: OpenAPIHono<AppEnv>, version: string) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'vh_session',
    description: 'Set at sign-in (`__Host-vh_session` in production).',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A VantaHire API key, `vh_…`.',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'interviewLink', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Interview-Token',
    description: "The token of a candidate's interview link.",
  })
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: { title: 'VantaHire API', version, description: DESCRIPTION },
  })
  const docs = new Hono<AppEnv>()
    .get('/', (c) => c.html(REFERENCE_PAGE))
    .get('/scalar.js', (c) => {
      c.header('Content-Type', 'text/javascript; charset=utf-8')
      c.header('Cache-Control', 'public, max-age=86400')
      return c.body(SCALAR_BUNDLE)
    })
    .get('/start.js', (c) => {
      c.header('Content-Type', 'text/javascript; charset=utf-8')
      return c.body(START_SCRIPT)
    })
  app.route('/api/docs', docs)
}
