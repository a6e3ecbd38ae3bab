import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import { MyOpenInterviewListSchema } from '../schemas/my-interviews.js'
import { errorResponses, jsonResponse, responseBody } from '../schemas/openapi.js'
import { listMyOpenInterviews } from '../services/my-interviews.js'

const myOpenInterviewsRoute = createRoute({
  method: 'get',
  path: '/users/me/interviews',
  tags: ['Users'],
  summary: 'Your interviews still to take',
  description:
    'Candidates (session cookie). Interviews sent to your account’s email that are pending or in progress and not expired, soonest expiry first. The interview link is not included: it stays in your invitation.',
  ...authorize({ roles: ['CANDIDATE'] }),
  responses: {
    200: jsonResponse(MyOpenInterviewListSchema, 'The open interviews'),
    ...errorResponses(401, 403),
  },
})

/** What a signed-in candidate sees of the interviews addressed to them. */
export const myInterviewRoutes = new OpenAPIHono<AppEnv>().openapi(myOpenInterviewsRoute, async (c) =>
  c.json(
    responseBody(MyOpenInterviewListSchema, await listMyOpenInterviews(c.var.services, c.var.actor)),
    200,
  ),
)
