import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { contentDisposition } from '../lib/content-disposition.js'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import {
  ApplicationFiltersSchema,
  ApplicationListQuerySchema,
  ApplicationPageSchema,
  ApplicationParamsSchema,
  ApplicationResponseSchema,
  ApplyBodySchema,
  InterviewFromApplicationBodySchema,
  JobApplicationPageSchema,
  MyApplicationResponseSchema,
  UpdateApplicationBodySchema,
} from '../schemas/applications.js'
import { CreatedInterviewSchema } from '../schemas/interviews.js'
import { JobParamsSchema } from '../schemas/jobs.js'
import { errorResponses, jsonContent, jsonResponse, responseBody } from '../schemas/openapi.js'
import { PaginationQuerySchema } from '../schemas/pagination.js'
import {
  applyToJob,
  createInterviewFromApplication,
  exportJobApplications,
  getApplication,
  getMyApplicationToJob,
  listJobApplications,
  listMyApplications,
  updateApplication,
  withdrawApplication,
} from '../services/applications.js'

const JOB_OWNER = "The job's recruiter or an admin (session cookie)."

const applyRoute = createRoute({
  method: 'post',
  path: '/jobs/{id}/applications',
  tags: ['Applications'],
  summary: 'Apply to an open job',
  description:
    'Candidates (session cookie). A résumé (resumeFileId or useProfileResume) or a cover letter is required (400). Refusals have their own codes, all 409: JOB_CLOSED, JOB_NOT_APPROVED, ALREADY_APPLIED (details.applicationId). Applying again after withdrawing replaces the withdrawn application.',
  ...authorize({ roles: ['CANDIDATE'] }),
  request: { params: JobParamsSchema, body: jsonContent(ApplyBodySchema) },
  responses: {
    201: jsonResponse(ApplicationResponseSchema, 'The application'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const myApplicationToJobRoute = createRoute({
  method: 'get',
  path: '/jobs/{id}/applications/mine',
  tags: ['Applications'],
  summary: 'Whether you applied to this job',
  description: 'Candidates (session cookie). Your application to the job, or null.',
  ...authorize({ roles: ['CANDIDATE'] }),
  request: { params: JobParamsSchema },
  responses: {
    200: jsonResponse(MyApplicationResponseSchema, 'Your application, or null'),
    ...errorResponses(400, 401, 403),
  },
})

const withdrawRoute = createRoute({
  method: 'post',
  path: '/applications/{id}/withdraw',
  tags: ['Applications'],
  summary: 'Withdraw your application',
  description:
    'The candidate who applied (session cookie). Until it is rejected or hired (409 after); the recruiter sees it as WITHDRAWN.',
  ...authorize({ roles: ['CANDIDATE'] }),
  request: { params: ApplicationParamsSchema },
  responses: {
    200: jsonResponse(ApplicationResponseSchema, 'The withdrawn application'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const myApplicationsRoute = createRoute({
  method: 'get',
  path: '/applications/mine',
  tags: ['Applications'],
  summary: 'Your applications and their status',
  description: 'Candidates (session cookie). Newest first.',
  ...authorize({ roles: ['CANDIDATE'] }),
  request: { query: PaginationQuerySchema },
  responses: {
    200: jsonResponse(ApplicationPageSchema, 'One page of applications'),
    ...errorResponses(400, 401, 403),
  },
})

const jobApplicationsRoute = createRoute({
  method: 'get',
  path: '/jobs/{id}/applications',
  tags: ['Applications'],
  summary: "A job's applications",
  description: `${JOB_OWNER} Search by name or email (\`q\`), filter by status, résumé and scored interview, sort by date or best interview score; cursor pagination. Each page has the number matching in all (\`total\`) and per status (\`statusCounts\`), and each application its \`nextStatuses\` and \`interviewScore\`.`,
  ...authorize({ roles: ['RECRUITER'] }),
  request: { params: JobParamsSchema, query: ApplicationListQuerySchema },
  responses: {
    200: jsonResponse(JobApplicationPageSchema, 'One page of applications'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const exportApplicationsRoute = createRoute({
  method: 'get',
  path: '/jobs/{id}/applications/export',
  tags: ['Applications'],
  summary: "Download a job's applications as CSV",
  description: `${JOB_OWNER} The applications the same filters and sort as the list select, all of them, streamed as CSV (UTF-8 with a byte-order mark; header \`name,email,status,applied_at,reviewed_at,interview_score,resume_url,cover_letter,notes\`). Cells that a spreadsheet would run as formulas start with an apostrophe.`,
  ...authorize({ roles: ['RECRUITER'] }),
  request: { params: JobParamsSchema, query: ApplicationFiltersSchema },
  responses: {
    200: {
      description: 'The applications, one CSV row each',
      content: { 'text/csv': { schema: { type: 'string' as const } } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
})

const getApplicationRoute = createRoute({
  method: 'get',
  path: '/applications/{id}',
  tags: ['Applications'],
  summary: 'One application',
  description: `${JOB_OWNER} Or the candidate who applied (without the recruiter's notes).`,
  ...authorize(),
  request: { params: ApplicationParamsSchema },
  responses: {
    200: jsonResponse(ApplicationResponseSchema, 'The application'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const updateApplicationRoute = createRoute({
  method: 'patch',
  path: '/applications/{id}',
  tags: ['Applications'],
  summary: 'Move an application on, or keep notes',
  description: `${JOB_OWNER} PENDING → REVIEWED → SHORTLISTED → HIRED; REJECTED from any of the first three; a rejected application reopens at any of those three (undoing a rejection), and a hire can go back to SHORTLISTED. Any other move is 409 INVALID_TRANSITION, whose details name \`from\`, \`to\` and \`allowed\`; each answer's \`nextStatuses\` lists the allowed moves.`,
  ...authorize({ roles: ['RECRUITER'] }),
  request: { params: ApplicationParamsSchema, body: jsonContent(UpdateApplicationBodySchema) },
  responses: {
    200: jsonResponse(ApplicationResponseSchema, 'The application'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const interviewFromApplicationRoute = createRoute({
  method: 'post',
  path: '/applications/{id}/interview',
  tags: ['Applications'],
  summary: 'Invite the applicant to an AI interview',
  description: `${JOB_OWNER} The candidate, the job title and the resume carry over; returns the interview and its link.`,
  ...authorize({ roles: ['RECRUITER'] }),
  request: { params: ApplicationParamsSchema, body: jsonContent(InterviewFromApplicationBodySchema) },
  responses: {
    201: jsonResponse(CreatedInterviewSchema, 'The interview and its link'),
    ...errorResponses(400, 401, 403, 404),
  },
})

/** Candidates apply; the job's recruiter reviews. */
export const applicationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(applyRoute, async (c) => {
    const application = await applyToJob(c.var.services, c.var.actor, {
      jobId: c.req.valid('param').id,
      ...c.req.valid('json'),
    })
    c.var.logger.info({ applicationId: application.id, jobId: application.jobId }, 'application received')
    return c.json(responseBody(ApplicationResponseSchema, { application }), 201)
  })
  .openapi(myApplicationToJobRoute, async (c) => {
    const application = await getMyApplicationToJob(c.var.services, c.var.actor, {
      jobId: c.req.valid('param').id,
    })
    return c.json(responseBody(MyApplicationResponseSchema, { application }), 200)
  })
  .openapi(withdrawRoute, async (c) => {
    const application = await withdrawApplication(c.var.services, c.var.actor, {
      applicationId: c.req.valid('param').id,
    })
    c.var.logger.info({ applicationId: application.id }, 'application withdrawn')
    return c.json(responseBody(ApplicationResponseSchema, { application }), 200)
  })
  .openapi(myApplicationsRoute, async (c) => {
    const page = await listMyApplications(c.var.services, c.var.actor, c.req.valid('query'))
    return c.json(responseBody(ApplicationPageSchema, page), 200)
  })
  .openapi(jobApplicationsRoute, async (c) => {
    const page = await listJobApplications(c.var.services, c.var.actor, {
      jobId: c.req.valid('param').id,
      ...c.req.valid('query'),
    })
    return c.json(responseBody(JobApplicationPageSchema, page), 200)
  })
  .openapi(exportApplicationsRoute, async (c) => {
    const { fileName, stream } = await exportJobApplications(c.var.services, c.var.actor, {
      jobId: c.req.valid('param').id,
      ...c.req.valid('query'),
    })
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', contentDisposition('attachment', fileName))
    c.header('Cache-Control', 'private, no-store')
    return c.body(stream, 200)
  })
  .openapi(getApplicationRoute, async (c) => {
    const application = await getApplication(c.var.services, c.var.actor, {
      applicationId: c.req.valid('param').id,
    })
    return c.json(responseBody(ApplicationResponseSchema, { application }), 200)
  })
  .openapi(updateApplicationRoute, async (c) => {
    const application = await updateApplication(c.var.services, c.var.actor, {
      applicationId: c.req.valid('param').id,
      changes: c.req.valid('json'),
    })
    return c.json(responseBody(ApplicationResponseSchema, { application }), 200)
  })
  .openapi(interviewFromApplicationRoute, async (c) => {
    const created = await createInterviewFromApplication(c.var.services, c.var.actor, {
      applicationId: c.req.valid('param').id,
      ...c.req.valid('json'),
    })
    return c.json(responseBody(CreatedInterviewSchema, created), 201)
  })
