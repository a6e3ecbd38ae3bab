import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../lib/app-env.js'
import { AppError } from '../lib/errors.js'
import { interviewLink } from '../middleware/interview-link.js'
import { CandidateInterviewSchema } from '../schemas/interview-sessions.js'
import { errorResponses, jsonResponse } from '../schemas/openapi.js'

const candidateInterviewRoute = createRoute({
  method: 'get',
  path: '/candidate/interview',
  tags: ['Candidates'],
  summary: 'The interview a candidate link opens',
  description:
    'Candidate link token in `X-Interview-Token`. 401 for an unknown, revoked or expired link; 410 when the interview has expired; 429 after too many wrong links from one client.',
  middleware: [interviewLink()] as const,
  responses: {
    200: jsonResponse(CandidateInterviewSchema, 'The interview'),
    ...errorResponses(401, 410, 429),
  },
})

/** What a candidate sees through their link. */
export const candidateRoutes = new OpenAPIHono<AppEnv>().openapi(candidateInterviewRoute, async (c) => {
  const link = c.var.interviewLink
  if (!link)
    throw new AppError({ code: 'UNAUTHORIZED', message: 'This request needs the interview link’s token.' })
  const profile = await c.var.services.prisma.recruiterProfile.findUnique({
    where: { userId: link.interview.recruiterId },
    select: { companyName: true, brandColor: true, logoFileId: true },
  })
  const { interview } = link
  return c.json(
    {
      interview: {
        id: interview.id,
        jobRole: interview.jobRole,
        type: interview.type,
        status: interview.status,
        timeLimitMinutes: interview.timeLimitMinutes,
        expiresAt: interview.expiresAt?.toISOString() ?? null,
        candidateName: interview.candidateName,
        company: {
          name: profile?.companyName ?? null,
          brandColor: profile?.brandColor ?? null,
          logoFileId: profile?.logoFileId ?? null,
        },
      },
    },
    200,
  )
})
