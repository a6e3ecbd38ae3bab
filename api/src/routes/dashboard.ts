import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import { DashboardSchema } from '../schemas/dashboard.js'
import { errorResponses, jsonResponse, responseBody } from '../schemas/openapi.js'
import { getDashboard } from '../services/dashboard.js'

const dashboardRoute = createRoute({
  method: 'get',
  path: '/dashboard',
  tags: ['Dashboard'],
  summary: 'What needs your attention, and your totals',
  description:
    'Recruiters (session cookie); an admin’s covers their own interviews and jobs, as the platform’s totals are GET /api/admin/stats. Completed interviews not yet reviewed, interviews in progress, unstarted ones expiring within 48 hours (five of each, with counts), interviews by status, applications in the last 7 days and open jobs.',
  ...authorize({ roles: ['RECRUITER'] }),
  responses: {
    200: jsonResponse(DashboardSchema, 'The dashboard'),
    ...errorResponses(401, 403),
  },
})

/** The recruiter's landing page, in one request. */
export const dashboardRoutes = new OpenAPIHono<AppEnv>().openapi(dashboardRoute, async (c) =>
  c.json(responseBody(DashboardSchema, await getDashboard(c.var.services, c.var.actor)), 200),
)
