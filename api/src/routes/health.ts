import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../middleware/app-env.js'
import { renderError } from '../middleware/error-handler.js'
import { LivenessSchema, NotReadySchema, ReadinessSchema } from '../schemas/health.js'
import { PUBLIC_SECURITY, responseBody } from '../schemas/openapi.js'
import { checkReadiness } from '../services/health.js'

const livenessRoute = createRoute({
  method: 'get',
  path: '/health',
  security: PUBLIC_SECURITY,
  tags: ['System'],
  summary: 'Liveness: the process is up',
  description: 'Public. Answers 200 as long as the process can serve HTTP; it checks no dependency.',
  responses: {
    200: { description: 'The process is alive', content: { 'application/json': { schema: LivenessSchema } } },
  },
})

const readinessRoute = createRoute({
  method: 'get',
  path: '/ready',
  security: PUBLIC_SECURITY,
  tags: ['System'],
  summary: 'Readiness: Postgres and Redis are reachable',
  description:
    'Public. 200 when this instance can serve traffic; 503 naming each unreachable dependency, and 503 while the instance shuts down.',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: ReadinessSchema } } },
    503: { description: 'Not ready', content: { 'application/json': { schema: NotReadySchema } } },
  },
})

/** The liveness answer never changes: checked against its schema once, at start-up. */
const ALIVE = responseBody(LivenessSchema, { status: 'ok' })

/** Probes for platforms and load balancers. Who may call: anyone. */
export const healthRoutes = new OpenAPIHono<AppEnv>()
  .openapi(livenessRoute, (c) => c.json(ALIVE, 200))
  .openapi(readinessRoute, async (c) => {
    const readiness = await checkReadiness(c.var.services)
    if (readiness.isReady)
      return c.json(responseBody(ReadinessSchema, { status: 'ready', checks: readiness.checks }), 200)
    // Rendered, not thrown: an outage answered every few seconds is not an error to log each time.
    return renderError(c, 'SERVICE_UNAVAILABLE', readiness.message, readiness.details)
  })
