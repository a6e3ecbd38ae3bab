import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../lib/app-env.js'
import { requireAuth } from '../middleware/guards.js'
import {
  CreateInterviewLinkBodySchema,
  InterviewLinkListSchema,
  InterviewLinkParamsSchema,
  InterviewLinkResponseSchema,
  InterviewParamsSchema,
  RevokedLinksSchema,
} from '../schemas/interview-links.js'
import { errorResponses, jsonContent, jsonResponse } from '../schemas/openapi.js'
import {
  findManagedInterview,
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
  middleware: [requireAuth({ roles: ['RECRUITER'], apiKeyScope: 'interviews:read' })] as const,
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
  middleware: [requireAuth({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' })] as const,
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
  middleware: [requireAuth({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' })] as const,
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
  middleware: [requireAuth({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' })] as const,
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(RevokedLinksSchema, 'How many live links were revoked'),
    ...errorResponses(400, 401, 403, 404),
  },
})

function managedInterview(c: Context<AppEnv>, interviewId: string) {
  const auth = c.var.auth
  return findManagedInterview({
    prisma: c.var.services.prisma,
    interviewId,
    userId: auth?.userId ?? '',
    isAdmin: auth?.role === 'ADMIN',
  })
}

/** Candidate links of an interview (the plan's InterviewSession contract). */
export const interviewLinkRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const { id } = c.req.valid('param')
    await managedInterview(c, id)
    const { prisma, config } = c.var.services
    return c.json(
      { items: await listInterviewLinks({ prisma, frontendUrl: config.FRONTEND_URL, interviewId: id }) },
      200,
    )
  })
  .openapi(createLinkRoute, async (c) => {
    const { id } = c.req.valid('param')
    await managedInterview(c, id)
    const body = c.req.valid('json') ?? {}
    const { prisma, config } = c.var.services
    const link = await issueInterviewLink({
      prisma,
      frontendUrl: config.FRONTEND_URL,
      interviewId: id,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
    })
    return c.json({ link }, 201)
  })
  .openapi(revokeOneRoute, async (c) => {
    const { id, sessionId } = c.req.valid('param')
    await managedInterview(c, id)
    const { prisma, config } = c.var.services
    const link = await revokeInterviewLink({
      prisma,
      frontendUrl: config.FRONTEND_URL,
      interviewId: id,
      sessionId,
    })
    c.var.logger.info({ interviewId: id, linkId: sessionId }, 'interview link revoked')
    return c.json({ link }, 200)
  })
  .openapi(revokeAllRoute, async (c) => {
    const { id } = c.req.valid('param')
    await managedInterview(c, id)
    const revoked = await revokeAllInterviewLinks({ prisma: c.var.services.prisma, interviewId: id })
    c.var.logger.info({ interviewId: id, revoked }, 'all interview links revoked')
    return c.json({ revoked }, 200)
  })
