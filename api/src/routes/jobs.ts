import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import {
  CreateJobBodySchema,
  JobListQuerySchema,
  JobPageSchema,
  JobParamsSchema,
  JobResponseSchema,
  PublicJobListQuerySchema,
  PublicJobPageSchema,
  PublicJobResponseSchema,
  UpdatedJobResponseSchema,
  UpdateJobBodySchema,
} from '../schemas/jobs.js'
import {
  errorResponses,
  jsonContent,
  jsonResponse,
  PUBLIC_SECURITY,
  responseBody,
} from '../schemas/openapi.js'
import {
  closeJob,
  createJob,
  deleteJob,
  getJob,
  getPublicJob,
  listJobs,
  listPublicJobs,
  reopenJob,
  submitJob,
  updateJob,
} from '../services/jobs.js'

const RECRUITERS = 'Recruiters (their own jobs) and admins (all), by session cookie.'
const recruiterOnly = authorize({ roles: ['RECRUITER'] })

const listRoute = createRoute({
  method: 'get',
  path: '/jobs',
  tags: ['Jobs'],
  summary: 'Your jobs',
  description: `${RECRUITERS} Newest first; filter by status and approval; cursor pagination.`,
  ...recruiterOnly,
  request: { query: JobListQuerySchema },
  responses: { 200: jsonResponse(JobPageSchema, 'One page of jobs'), ...errorResponses(400, 401, 403) },
})

const createJobRoute = createRoute({
  method: 'post',
  path: '/jobs',
  tags: ['Jobs'],
  summary: 'Create a draft job',
  description: `${RECRUITERS} A draft is private until submitted and approved.`,
  ...recruiterOnly,
  request: { body: jsonContent(CreateJobBodySchema) },
  responses: { 201: jsonResponse(JobResponseSchema, 'The draft'), ...errorResponses(400, 401, 403) },
})

const getJobRoute = createRoute({
  method: 'get',
  path: '/jobs/{id}',
  tags: ['Jobs'],
  summary: 'One of your jobs',
  description: RECRUITERS,
  ...recruiterOnly,
  request: { params: JobParamsSchema },
  responses: { 200: jsonResponse(JobResponseSchema, 'The job'), ...errorResponses(400, 401, 403, 404) },
})

const updateJobRoute = createRoute({
  method: 'patch',
  path: '/jobs/{id}',
  tags: ['Jobs'],
  summary: 'Edit a job',
  description: `${RECRUITERS} Changing a live job's title, description, requirements or pay (salaryRange) sends it back for approval, and the answer names those fields; other edits keep it live. Closed jobs cannot change (409).`,
  ...recruiterOnly,
  request: { params: JobParamsSchema, body: jsonContent(UpdateJobBodySchema) },
  responses: {
    200: jsonResponse(UpdatedJobResponseSchema, 'The job, and what sent it back for approval'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const submitRoute = createRoute({
  method: 'post',
  path: '/jobs/{id}/submit',
  tags: ['Jobs'],
  summary: 'Submit a job for approval',
  description: `${RECRUITERS} Drafts and rejected jobs only (409 otherwise).`,
  ...recruiterOnly,
  request: { params: JobParamsSchema },
  responses: {
    200: jsonResponse(JobResponseSchema, 'The job, now waiting for approval'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const closeRoute = createRoute({
  method: 'post',
  path: '/jobs/{id}/close',
  tags: ['Jobs'],
  summary: 'Close a job',
  description: `${RECRUITERS} It leaves the job board and takes no more applications until reopened.`,
  ...recruiterOnly,
  request: { params: JobParamsSchema },
  responses: {
    200: jsonResponse(JobResponseSchema, 'The closed job'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const reopenRoute = createRoute({
  method: 'post',
  path: '/jobs/{id}/reopen',
  tags: ['Jobs'],
  summary: 'Reopen a closed job',
  description: `${RECRUITERS} An approved job is live again at once; one closed before approval returns as a draft. Only closed jobs (409 otherwise).`,
  ...recruiterOnly,
  request: { params: JobParamsSchema },
  responses: {
    200: jsonResponse(JobResponseSchema, 'The reopened job'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const deleteJobRoute = createRoute({
  method: 'delete',
  path: '/jobs/{id}',
  tags: ['Jobs'],
  summary: 'Delete a job without applications',
  description: `${RECRUITERS} A job with applications can only be closed (409).`,
  ...recruiterOnly,
  request: { params: JobParamsSchema },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404, 409) },
})

const publicListRoute = createRoute({
  method: 'get',
  path: '/public/jobs',
  security: PUBLIC_SECURITY,
  tags: ['Job board'],
  summary: 'Open jobs',
  description: 'Public, no sign-in. Approved, active jobs only, newest first; search and cursor pagination.',
  request: { query: PublicJobListQuerySchema },
  responses: { 200: jsonResponse(PublicJobPageSchema, 'One page of open jobs'), ...errorResponses(400) },
})

const publicGetRoute = createRoute({
  method: 'get',
  path: '/public/jobs/{id}',
  security: PUBLIC_SECURITY,
  tags: ['Job board'],
  summary: 'One open job',
  description: 'Public, no sign-in. 404 unless the job is approved and active.',
  request: { params: JobParamsSchema },
  responses: { 200: jsonResponse(PublicJobResponseSchema, 'The job'), ...errorResponses(400, 404) },
})

/** Recruiters' jobs, and the public job board. */
export const jobRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) =>
    c.json(
      responseBody(JobPageSchema, await listJobs(c.var.services, c.var.actor, c.req.valid('query'))),
      200,
    ),
  )
  .openapi(createJobRoute, async (c) => {
    const job = await createJob(c.var.services, c.var.actor, c.req.valid('json'))
    return c.json(responseBody(JobResponseSchema, { job }), 201)
  })
  .openapi(getJobRoute, async (c) => {
    const job = await getJob(c.var.services, c.var.actor, { jobId: c.req.valid('param').id })
    return c.json(responseBody(JobResponseSchema, { job }), 200)
  })
  .openapi(updateJobRoute, async (c) => {
    const updated = await updateJob(c.var.services, c.var.actor, {
      jobId: c.req.valid('param').id,
      changes: c.req.valid('json'),
    })
    return c.json(responseBody(UpdatedJobResponseSchema, updated), 200)
  })
  .openapi(submitRoute, async (c) => {
    const job = await submitJob(c.var.services, c.var.actor, { jobId: c.req.valid('param').id })
    return c.json(responseBody(JobResponseSchema, { job }), 200)
  })
  .openapi(closeRoute, async (c) => {
    const job = await closeJob(c.var.services, c.var.actor, { jobId: c.req.valid('param').id })
    return c.json(responseBody(JobResponseSchema, { job }), 200)
  })
  .openapi(reopenRoute, async (c) => {
    const job = await reopenJob(c.var.services, c.var.actor, { jobId: c.req.valid('param').id })
    return c.json(responseBody(JobResponseSchema, { job }), 200)
  })
  .openapi(deleteJobRoute, async (c) => {
    await deleteJob(c.var.services, c.var.actor, { jobId: c.req.valid('param').id })
    return c.body(null, 204)
  })
  .openapi(publicListRoute, async (c) =>
    c.json(
      responseBody(PublicJobPageSchema, await listPublicJobs(c.var.services, c.req.valid('query'))),
      200,
    ),
  )
  .openapi(publicGetRoute, async (c) => {
    const job = await getPublicJob(c.var.services, { jobId: c.req.valid('param').id })
    return c.json(responseBody(PublicJobResponseSchema, { job }), 200)
  })
