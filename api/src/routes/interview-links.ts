import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import {
  CreateInterviewLinkBodySchema,
  InterviewLinkListSchema,
  InterviewLinkParamsSchema,
  InterviewLinkResponseSchema,
  InterviewParamsSchema,
  RevokedLinksSchema,
} from '../schemas/interview-links.js'
import { errorResponses, jsonContent, jsonResponse, responseBody } from '../schemas/openapi.js'
import {
  issueInterviewLink,
  listInterviewLinks,
  revokeAllInterviewLinks,
  revokeInterviewLink,
} from '../services/interview-links.js'

const WHO = 'The interview’s recruiter or an admin (session cookie), or their API key with the'

const listRoute = createRoute({
  method: 'get',
  path: '/interviews/{id}/sessions',
  tags: ['Interview links'],
  summary: "An interview's candidate links",
  description: `${WHO} interviews:read scope. Newest first, with use counts.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:read' }),
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(InterviewLinkListSchema, 'The links'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const createLinkRoute = createRoute({
  method: 'post',
  path: '/interviews/{id}/sessions',
  tags: ['Interview links'],
  summary: 'Create a new candidate link',
  description: `${WHO} interviews:write scope. The new link becomes the interview's current one.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' }),
  request: {
    params: InterviewParamsSchema,
    body: { ...jsonContent(CreateInterviewLinkBodySchema), required: false },
  },
  responses: {
    201: jsonResponse(InterviewLinkResponseSchema, 'The new link'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const revokeOneRoute = createRoute({
  method: 'delete',
  path: '/interviews/{id}/sessions/{sessionId}',
  tags: ['Interview links'],
  summary: 'Revoke one candidate link',
  description: `${WHO} interviews:write scope. The link stops working at once.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' }),
  request: { params: InterviewLinkParamsSchema },
  responses: {
    200: jsonResponse(InterviewLinkResponseSchema, 'The revoked link'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const revokeAllRoute = createRoute({
  method: 'delete',
  path: '/interviews/{id}/sessions',
  tags: ['Interview links'],
  summary: "Revoke all of an interview's links",
  description: `${WHO} interviews:write scope.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' }),
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(RevokedLinksSchema, 'How many live links were revoked'),
    ...errorResponses(400, 401, 403, 404),
  },
})

/** Candidate links of an interview (the plan's InterviewSession contract; `sessionId` names a link). */
export const interviewLinkRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const items = await listInterviewLinks(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
    })
    return c.json(responseBody(InterviewLinkListSchema, { items }), 200)
  })
  .openapi(createLinkRoute, async (c) => {
    const link = await issueInterviewLink(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
      expiresAt: c.req.valid('json')?.expiresAt,
    })
    return c.json(responseBody(InterviewLinkResponseSchema, { link }), 201)
  })
  .openapi(revokeOneRoute, async (c) => {
    const { id, sessionId } = c.req.valid('param')
    const link = await revokeInterviewLink(c.var.services, c.var.actor, {
      interviewId: id,
      linkId: sessionId,
    })
    c.var.logger.info({ interviewId: id, linkId: sessionId }, 'interview link revoked')
    return c.json(responseBody(InterviewLinkResponseSchema, { link }), 200)
  })
  .openapi(revokeAllRoute, async (c) => {
    const { id } = c.req.valid('param')
    const revoked = await revokeAllInterviewLinks(c.var.services, c.var.actor, { interviewId: id })
    c.var.logger.info({ interviewId: id, revoked }, 'all interview links revoked')
    return c.json(responseBody(RevokedLinksSchema, { revoked }), 200)
  })
