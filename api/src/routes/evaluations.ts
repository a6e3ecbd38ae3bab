import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import {
  EvaluateInterviewBodySchema,
  EvaluationListSchema,
  EvaluationResponseSchema,
  EvidenceExportSchema,
  EvidenceVerificationSchema,
  VerifyEvidenceQuerySchema,
} from '../schemas/evaluations.js'
import { InterviewParamsSchema } from '../schemas/interview-links.js'
import { errorResponses, jsonResponse, responseBody } from '../schemas/openapi.js'
import {
  evaluateInterview,
  getInterviewEvidence,
  listEvaluations,
  verifyEvidence,
} from '../services/evaluations.js'

const OWNER = 'The interview’s recruiter or an admin (session cookie)'

const evaluateRoute = createRoute({
  method: 'post',
  path: '/interviews/{id}/evaluate',
  tags: ['Evaluations'],
  summary: 'Score the interview (again)',
  description: `${OWNER}, or their API key with interviews:write. Scores the transcript against the default rubric or the one given; earlier evaluations are kept and the newest becomes the interview’s score. Every criterion is backed by quotes found verbatim in the transcript. 201 with the evaluation; 202 with a \`PENDING\` one when no language model is configured (scoring waits for one); 409 while the interview runs or before the candidate has answered; 503 when the model fails or keeps quoting what the transcript does not say (nothing is stored).`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' }),
  request: {
    params: InterviewParamsSchema,
    // Optional: `POST /evaluate` with no body scores with the default rubric.
    body: { content: { 'application/json': { schema: EvaluateInterviewBodySchema } }, required: false },
  },
  responses: {
    201: jsonResponse(EvaluationResponseSchema, 'Scored and stored'),
    202: jsonResponse(EvaluationResponseSchema, 'No model is configured: stored as pending'),
    ...errorResponses(400, 401, 403, 404, 409, 503),
  },
})

const listRoute = createRoute({
  method: 'get',
  path: '/interviews/{id}/evaluations',
  tags: ['Evaluations'],
  summary: 'Every evaluation of an interview',
  description: `${OWNER}, or their API key with results:read. Newest first, pending ones included, each quote with the message and offsets it was found at.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'results:read' }),
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(EvaluationListSchema, 'The evaluations'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const evidenceRoute = createRoute({
  method: 'get',
  path: '/interviews/{id}/evidence',
  tags: ['Evaluations'],
  summary: 'The interview’s tamper-evident log, as an export',
  description: `${OWNER}, or their API key with results:read. Every record oldest first, each with the hash of the one before; keep \`head\` to verify against later.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'results:read' }),
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(EvidenceExportSchema, 'The log'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const verifyRoute = createRoute({
  method: 'get',
  path: '/interviews/{id}/evidence/verify',
  tags: ['Evaluations'],
  summary: 'Verify the interview’s log',
  description: `${OWNER}, or their API key with results:read. Re-checks every hash and link and names the first broken record. With the \`head\` of an earlier export as anchor, a log cut short or rewritten since is caught too.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'results:read' }),
  request: { params: InterviewParamsSchema, query: VerifyEvidenceQuerySchema },
  responses: {
    200: jsonResponse(EvidenceVerificationSchema, 'The verification'),
    ...errorResponses(400, 401, 403, 404),
  },
})

/** Scoring and the evidence behind it, for the interview's recruiter. */
export const evaluationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(evaluateRoute, async (c) => {
    const evaluation = await evaluateInterview(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
      rubric: c.req.valid('json')?.rubric,
      signal: c.req.raw.signal,
    })
    const body = responseBody(EvaluationResponseSchema, { evaluation })
    return evaluation.status === 'PENDING' ? c.json(body, 202) : c.json(body, 201)
  })
  .openapi(listRoute, async (c) => {
    const list = await listEvaluations(c.var.services, c.var.actor, { interviewId: c.req.valid('param').id })
    return c.json(responseBody(EvaluationListSchema, list), 200)
  })
  .openapi(evidenceRoute, async (c) => {
    const exported = await getInterviewEvidence(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
    })
    return c.json(responseBody(EvidenceExportSchema, exported), 200)
  })
  .openapi(verifyRoute, async (c) => {
    const { anchorSequence, anchorHash } = c.req.valid('query')
    const verification = await verifyEvidence(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
      anchor:
        anchorSequence !== undefined && anchorHash !== undefined
          ? { sequence: anchorSequence, hash: anchorHash }
          : undefined,
    })
    return c.json(responseBody(EvidenceVerificationSchema, verification), 200)
  })
