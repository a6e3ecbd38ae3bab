import { createNodeWebSocket } from '@hono/node-ws'
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { except } from 'hono/combine'
import { cors } from 'hono/cors'
import type { Services } from './infra/container.js'
import { AppError } from './lib/errors.js'
import { apiKeyAuth } from './middleware/api-key.js'
import type { AppEnv } from './middleware/app-env.js'
import { csrfProtection } from './middleware/csrf.js'
import { describeIssues, handleError, handleNotFound } from './middleware/error-handler.js'
import { requestContext } from './middleware/request-context.js'
import { signInSessionAuth } from './middleware/sign-in-session.js'
import { spa } from './middleware/spa.js'
import { mayCarryBody, requireStorableInput } from './middleware/storable-input.js'
import { adminRoutes } from './routes/admin.js'
import { apiKeyRoutes } from './routes/api-keys.js'
import { applicationRoutes } from './routes/applications.js'
import { authRoutes } from './routes/auth.js'
import { candidateRoutes } from './routes/candidate.js'
import { createConnectivityRoutes } from './routes/connectivity.js'
import { dashboardRoutes } from './routes/dashboard.js'
import { registerDocs } from './routes/docs.js'
import { evaluationRoutes } from './routes/evaluations.js'
import { fileRoutes, isFileUpload } from './routes/files.js'
import { healthRoutes } from './routes/health.js'
import { interviewLinkRoutes } from './routes/interview-links.js'
import { interviewRoutes } from './routes/interviews.js'
import { inviteRoutes } from './routes/invites.js'
import { jobRoutes } from './routes/jobs.js'
import { myInterviewRoutes } from './routes/my-interviews.js'
import { recordingRoutes } from './routes/recordings.js'
import { userRoutes } from './routes/users.js'
import { createVoiceRoutes } from './routes/voice.js'
import { isWebhook, webhookRoutes } from './routes/webhooks.js'

/** JSON bodies are small; routes that take files set their own, larger limits. */
const JSON_BODY_LIMIT_BYTES = 1024 * 1024
/** WebSocket frames on the API's own routes; audio chunks are far below this. */
const WEBSOCKET_MAX_PAYLOAD_BYTES = 1024 * 1024
const ONE_YEAR_SECONDS = 31_536_000
const API_VERSION = '1.0.0'

/**
 * Builds the whole HTTP application from its dependencies. Production (`index.ts`) and the tests use
 * this same factory. `injectWebSocket` must be given the HTTP server's non-socket.io upgrades.
 */
export function createApp(services: Services, options: { spaRoot?: string } = {}) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError({
          code: 'VALIDATION_FAILED',
          message: 'The request is not valid.',
          details: { issues: describeIssues(result.error) },
        })
      }
    },
  })
  const nodeWebSocket = createNodeWebSocket({ app })
  nodeWebSocket.wss.options.maxPayload = WEBSOCKET_MAX_PAYLOAD_BYTES

  // Recordings go up to and play from Cloud Storage directly, through signed URLs.
  const storageOrigins = services.objectStorage ? [services.objectStorage.origin] : []
  app.use(requestContext({ services, storageOrigins, strictTransportSecondsMax: ONE_YEAR_SECONDS }))
  app.use(
    '/api/*',
    cors({
      origin: (origin) => (services.config.allowedOrigins.includes(origin) ? origin : null),
      credentials: true,
      allowHeaders: ['Content-Type', 'X-Interview-Token', 'X-Request-Id', 'Authorization'],
      exposeHeaders: [
        'X-Request-Id',
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ],
      maxAge: 600,
    }),
  )
  const jsonBodyLimit = bodyLimit({
    maxSize: JSON_BODY_LIMIT_BYTES,
    onError: () => {
      throw new AppError({
        code: 'PAYLOAD_TOO_LARGE',
        message: `The request body is larger than ${JSON_BODY_LIMIT_BYTES / 1024} KB.`,
      })
    },
  })
  // Uploads stream through their own per-category limit (routes/files.ts); requests without a body
  // (most GETs) have nothing to limit.
  app.use(
    '/api/*',
    except((c) => isFileUpload(c) || !mayCarryBody(c), jsonBodyLimit),
  )

  // After the body limit, which bounds the JSON it reads; before anything that queries the database.
  // Webhook bodies stay raw for their signatures; the webhook routes check them once authenticated.
  app.use('/api/*', requireStorableInput({ readsBody: (c) => !isFileUpload(c) && !isWebhook(c) }))
  // Provider webhooks authenticate themselves (bearer token, HMAC signature); no cookie or API key applies.
  app.use('/api/*', except(isWebhook, csrfProtection(), apiKeyAuth(), signInSessionAuth()))

  const api = new OpenAPIHono<AppEnv>()
    .route('/', authRoutes)
    .route('/', userRoutes)
    .route('/', myInterviewRoutes)
    .route('/', dashboardRoutes)
    .route('/', apiKeyRoutes)
    .route('/', interviewRoutes)
    .route('/', evaluationRoutes)
    .route('/', interviewLinkRoutes)
    .route('/', inviteRoutes)
    .route('/', jobRoutes)
    .route('/', applicationRoutes)
    .route('/', adminRoutes)
    .route('/', fileRoutes)
    .route('/', candidateRoutes)
    .route('/', recordingRoutes)
    .route('/', webhookRoutes)
    .route('/', createConnectivityRoutes(nodeWebSocket.upgradeWebSocket))
    .route('/', createVoiceRoutes(nodeWebSocket.upgradeWebSocket))
  const routes = app.route('/', healthRoutes).route('/api', api)

  registerDocs(app, API_VERSION)

  // Unknown API paths answer JSON; every other GET is the SPA's to route when a build is present.
  app.all('/api/*', handleNotFound())
  if (options.spaRoot) app.use('*', spa({ root: options.spaRoot }))
  app.notFound(handleNotFound())
  app.onError(handleError())

  return { app: routes, injectWebSocket: nodeWebSocket.injectWebSocket, wss: nodeWebSocket.wss }
}

/** The API's route types, for the SPA's typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>['app']
