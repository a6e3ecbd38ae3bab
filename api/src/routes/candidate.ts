import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../middleware/app-env.js'
import { interviewLink } from '../middleware/interview-link.js'
import { CandidateInterviewSchema } from '../schemas/interview-links.js'
import { errorResponses, jsonResponse, responseBody } from '../schemas/openapi.js'
import { getCandidateInterview } from '../services/candidate.js'

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
  const interview = await getCandidateInterview(c.var.services, c.var.actor)
  return c.json(responseBody(CandidateInterviewSchema, { interview }), 200)
})
