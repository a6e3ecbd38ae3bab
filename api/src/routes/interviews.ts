import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import { InterviewParamsSchema } from '../schemas/interview-links.js'
import {
  CreatedInterviewSchema,
  CreateInterviewBodySchema,
  InterviewListQuerySchema,
  InterviewPageSchema,
  InterviewResponseSchema,
  InterviewResultsSchema,
  UpdateInterviewBodySchema,
  UpdateInterviewStatusBodySchema,
} from '../schemas/interviews.js'
import { errorResponses, jsonContent, jsonResponse, responseBody } from '../schemas/openapi.js'
import {
  changeInterviewStatus,
  createInterview,
  deleteInterview,
  getInterview,
  getInterviewResults,
  listInterviews,
  markInterviewReviewed,
  updateInterview,
} from '../services/interviews.js'

const OWNER = 'The interview’s recruiter or an admin (session cookie)'

const listRoute = createRoute({
  method: 'get',
  path: '/interviews',
  tags: ['Interviews'],
  summary: 'List interviews',
  description: `Recruiters see their own, admins all (session cookie), or an API key with interviews:read. Filter by status, job or candidate; sort; cursor pagination.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:read' }),
  request: { query: InterviewListQuerySchema },
  responses: {
    200: jsonResponse(InterviewPageSchema, 'One page of interviews'),
    ...errorResponses(400, 401, 403),
  },
})

const createInterviewRoute = createRoute({
  method: 'post',
  path: '/interviews',
  tags: ['Interviews'],
  summary: 'Create an interview',
  description:
    'Recruiters and admins (session cookie), or an API key with interviews:write. Creates the first candidate link and sets `interviewUrl`.\n\nExample: `curl -X POST $VANTAHIRE/api/interviews -H "Authorization: Bearer vh_…" -H "Content-Type: application/json" -d \'{"jobRole":"Backend Engineer","candidateEmail":"ada@example.com","questions":["Tell me about a system you scaled."]}\'`',
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' }),
  request: { body: jsonContent(CreateInterviewBodySchema) },
  responses: {
    201: jsonResponse(CreatedInterviewSchema, 'The interview and its link'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const getRoute = createRoute({
  method: 'get',
  path: '/interviews/{id}',
  tags: ['Interviews'],
  summary: 'One interview',
  description: `${OWNER}, or their API key with interviews:read.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:read' }),
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(InterviewResponseSchema, 'The interview'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const updateRoute = createRoute({
  method: 'patch',
  path: '/interviews/{id}',
  tags: ['Interviews'],
  summary: 'Edit an interview',
  description: `${OWNER}, or their API key with interviews:write. Only notes change once the interview has started (409 otherwise).`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' }),
  request: { params: InterviewParamsSchema, body: jsonContent(UpdateInterviewBodySchema) },
  responses: {
    200: jsonResponse(InterviewResponseSchema, 'The updated interview'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const statusRoute = createRoute({
  method: 'patch',
  path: '/interviews/{id}/status',
  tags: ['Interviews'],
  summary: 'Change an interview’s status',
  description: `${OWNER}, or their API key with interviews:write. PENDING → IN_PROGRESS or EXPIRED; IN_PROGRESS → COMPLETED or EXPIRED; anything else is 409.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' }),
  request: { params: InterviewParamsSchema, body: jsonContent(UpdateInterviewStatusBodySchema) },
  responses: {
    200: jsonResponse(InterviewResponseSchema, 'The interview'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const reviewRoute = createRoute({
  method: 'post',
  path: '/interviews/{id}/review',
  tags: ['Interviews'],
  summary: 'Mark a completed interview as reviewed',
  description: `${OWNER}, or their API key with interviews:write. Stamps when and by whom; marking it again keeps the first review. 409 unless the interview is completed. Sends \`interview:updated\` to the recruiter, which takes it off the dashboard's review list.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' }),
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(InterviewResponseSchema, 'The interview, reviewed'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const deleteRoute = createRoute({
  method: 'delete',
  path: '/interviews/{id}',
  tags: ['Interviews'],
  summary: 'Delete an interview',
  description: `${OWNER}. Removes its transcript, links and files too.`,
  ...authorize({ roles: ['RECRUITER'] }),
  request: { params: InterviewParamsSchema },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404) },
})

const resultsRoute = createRoute({
  method: 'get',
  path: '/interviews/{id}/results',
  tags: ['Interviews'],
  summary: 'Transcript, score and summary',
  description: `${OWNER}, or their API key with results:read. Score and summary are null until the interview has been evaluated.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'results:read' }),
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(InterviewResultsSchema, 'The results'),
    ...errorResponses(400, 401, 403, 404),
  },
})

/** Interviews: a recruiter's own, or all for admins. */
export const interviewRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const page = await listInterviews(c.var.services, c.var.actor, c.req.valid('query'))
    return c.json(responseBody(InterviewPageSchema, page), 200)
  })
  .openapi(createInterviewRoute, async (c) => {
    const created = await createInterview(c.var.services, c.var.actor, c.req.valid('json'))
    c.var.logger.info({ interviewId: created.interview.id }, 'interview created')
    return c.json(responseBody(CreatedInterviewSchema, created), 201)
  })
  .openapi(getRoute, async (c) => {
    const interview = await getInterview(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
    })
    return c.json(responseBody(InterviewResponseSchema, { interview }), 200)
  })
  .openapi(updateRoute, async (c) => {
    const interview = await updateInterview(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
      changes: c.req.valid('json'),
    })
    return c.json(responseBody(InterviewResponseSchema, { interview }), 200)
  })
  .openapi(statusRoute, async (c) => {
    const interview = await changeInterviewStatus(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
      status: c.req.valid('json').status,
    })
    return c.json(responseBody(InterviewResponseSchema, { interview }), 200)
  })
  .openapi(reviewRoute, async (c) => {
    const interview = await markInterviewReviewed(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
    })
    return c.json(responseBody(InterviewResponseSchema, { interview }), 200)
  })
  .openapi(deleteRoute, async (c) => {
    await deleteInterview(c.var.services, c.var.actor, { interviewId: c.req.valid('param').id })
    return c.body(null, 204)
  })
  .openapi(resultsRoute, async (c) => {
    const results = await getInterviewResults(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
    })
    return c.json(responseBody(InterviewResultsSchema, results), 200)
  })
