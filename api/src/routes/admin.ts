import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { listBackgroundJobs, runBackgroundJobNow } from '../jobs/panel.js'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import {
  AccountMergeBodySchema,
  AccountMergePlanSchema,
  AccountMergeQuerySchema,
  AccountMergeResultSchema,
  AdminSettingsSchema,
  AdminUserListQuerySchema,
  AdminUserPageSchema,
  AdminUserResponseSchema,
  PendingJobPageSchema,
  PlatformStatsSchema,
  UpdateAdminSettingsBodySchema,
  UpdateAdminUserBodySchema,
  UserParamsSchema,
} from '../schemas/admin.js'
import {
  BackgroundJobListSchema,
  BackgroundJobParamsSchema,
  BackgroundJobRunResponseSchema,
} from '../schemas/background-jobs.js'
import { JobParamsSchema, JobResponseSchema, RejectJobBodySchema } from '../schemas/jobs.js'
import { errorResponses, jsonContent, jsonResponse, responseBody } from '../schemas/openapi.js'
import { PaginationQuerySchema } from '../schemas/pagination.js'
import { mergeAccounts, previewAccountMerge } from '../services/account-merges.js'
import {
  getAdminSettings,
  getPlatformStats,
  listUsers,
  updateAdminSettings,
  updateUserAccess,
} from '../services/admin.js'
import { approveJob, listPendingJobs, rejectJob } from '../services/jobs.js'

const ADMINS = 'Admins (session cookie).'
const adminOnly = authorize({ roles: ['ADMIN'] })

const usersRoute = createRoute({
  method: 'get',
  path: '/admin/users',
  tags: ['Admin'],
  summary: 'Search users',
  description: `${ADMINS} Newest first; search by email or name, filter by role.`,
  ...adminOnly,
  request: { query: AdminUserListQuerySchema },
  responses: {
    200: jsonResponse(AdminUserPageSchema, 'One page of users'),
    ...errorResponses(400, 401, 403),
  },
})

const updateUserRoute = createRoute({
  method: 'patch',
  path: '/admin/users/{id}',
  tags: ['Admin'],
  summary: "Change a user's role, or disable them",
  description: `${ADMINS} Either change ends the user's sessions at once; disabling also stops their API keys. Not on yourself (409).`,
  ...adminOnly,
  request: { params: UserParamsSchema, body: jsonContent(UpdateAdminUserBodySchema) },
  responses: {
    200: jsonResponse(AdminUserResponseSchema, 'The user'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const MERGE_RULES =
  'The account must be one imported from the old platform that nobody has signed in to; everything it has (interviews, jobs, applications, API keys, files, reminders, profiles) moves to the account named by `into`, except what that account already has one of (a profile, an application to the same job), which stays behind and is deleted with the old account.'

const mergePreviewRoute = createRoute({
  method: 'get',
  path: '/admin/users/{id}/merge',
  tags: ['Admin'],
  summary: 'Preview merging an old-platform account into another',
  description: `${ADMINS} ${MERGE_RULES} Nothing changes. 409 when the account is not from the old platform, or when it recruited and the target is a candidate.`,
  ...adminOnly,
  request: { params: UserParamsSchema, query: AccountMergeQuerySchema },
  responses: {
    200: jsonResponse(AccountMergePlanSchema, 'What would move, and what would stay behind'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const mergeRoute = createRoute({
  method: 'post',
  path: '/admin/users/{id}/merge',
  tags: ['Admin'],
  summary: 'Merge an old-platform account into another',
  description: `${ADMINS} ${MERGE_RULES} One transaction: the old account is deleted and the merge is recorded (who, into whom, by whom, what moved).`,
  ...adminOnly,
  request: { params: UserParamsSchema, body: jsonContent(AccountMergeBodySchema) },
  responses: {
    200: jsonResponse(AccountMergeResultSchema, 'What moved'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const queueRoute = createRoute({
  method: 'get',
  path: '/admin/jobs/pending',
  tags: ['Admin'],
  summary: 'Jobs waiting for approval',
  description: `${ADMINS} Oldest submission first; each job with the recruiter who submitted it (name, email, company).`,
  ...adminOnly,
  request: { query: PaginationQuerySchema },
  responses: {
    200: jsonResponse(PendingJobPageSchema, 'One page of the queue'),
    ...errorResponses(400, 401, 403),
  },
})

const approveRoute = createRoute({
  method: 'post',
  path: '/admin/jobs/{id}/approve',
  tags: ['Admin'],
  summary: 'Approve a job',
  description: `${ADMINS} It appears on the public job board at once.`,
  ...adminOnly,
  request: { params: JobParamsSchema },
  responses: {
    200: jsonResponse(JobResponseSchema, 'The approved job'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const rejectRoute = createRoute({
  method: 'post',
  path: '/admin/jobs/{id}/reject',
  tags: ['Admin'],
  summary: 'Reject a job, saying why',
  description: `${ADMINS} The recruiter sees the reason and may fix and resubmit the job.`,
  ...adminOnly,
  request: { params: JobParamsSchema, body: jsonContent(RejectJobBodySchema) },
  responses: {
    200: jsonResponse(JobResponseSchema, 'The rejected job'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/admin/settings',
  tags: ['Admin'],
  summary: 'Platform settings',
  description: ADMINS,
  ...adminOnly,
  responses: { 200: jsonResponse(AdminSettingsSchema, 'The settings'), ...errorResponses(401, 403) },
})

const putSettingsRoute = createRoute({
  method: 'put',
  path: '/admin/settings',
  tags: ['Admin'],
  summary: 'Change platform settings',
  description: `${ADMINS} Set or clear the recruiter sign-up code.`,
  ...adminOnly,
  request: { body: jsonContent(UpdateAdminSettingsBodySchema) },
  responses: { 200: jsonResponse(AdminSettingsSchema, 'The settings'), ...errorResponses(400, 401, 403) },
})

const statsRoute = createRoute({
  method: 'get',
  path: '/admin/stats',
  tags: ['Admin'],
  summary: 'Platform figures',
  description: `${ADMINS} Totals across every account: users by role, jobs, applications and interviews by status, and the last seven days' activity.`,
  ...adminOnly,
  responses: { 200: jsonResponse(PlatformStatsSchema, 'The figures'), ...errorResponses(401, 403) },
})

const backgroundJobsRoute = createRoute({
  method: 'get',
  path: '/admin/background-jobs',
  tags: ['Admin'],
  summary: 'Background jobs and their last runs',
  description: `${ADMINS} Each scheduled job (expiry, reminders, clean-up, sends, scoring) with its schedule in UTC, its next run, whether it runs now, and its last five runs with their counts.`,
  ...adminOnly,
  responses: { 200: jsonResponse(BackgroundJobListSchema, 'The jobs'), ...errorResponses(401, 403) },
})

const runBackgroundJobRoute = createRoute({
  method: 'post',
  path: '/admin/background-jobs/{name}/run',
  tags: ['Admin'],
  summary: 'Run a background job now',
  description: `${ADMINS} Runs it through the same lock as its schedule and answers when it ends, with the run's outcome and counts (a run that failed is answered 200 with its error). 409 while a run of it is going on any instance.`,
  ...adminOnly,
  request: { params: BackgroundJobParamsSchema },
  responses: {
    200: jsonResponse(BackgroundJobRunResponseSchema, 'The run'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

/** The admin area: people, the job approval queue, settings, figures and background jobs. */
export const adminRoutes = new OpenAPIHono<AppEnv>()
  .openapi(usersRoute, async (c) =>
    c.json(
      responseBody(AdminUserPageSchema, await listUsers(c.var.services, c.var.actor, c.req.valid('query'))),
      200,
    ),
  )
  .openapi(updateUserRoute, async (c) => {
    const user = await updateUserAccess(c.var.services, c.var.actor, {
      userId: c.req.valid('param').id,
      ...c.req.valid('json'),
    })
    return c.json(responseBody(AdminUserResponseSchema, { user }), 200)
  })
  .openapi(mergePreviewRoute, async (c) => {
    const plan = await previewAccountMerge(c.var.services, c.var.actor, {
      sourceId: c.req.valid('param').id,
      targetId: c.req.valid('query').into,
    })
    return c.json(responseBody(AccountMergePlanSchema, plan), 200)
  })
  .openapi(mergeRoute, async (c) => {
    const result = await mergeAccounts(c.var.services, c.var.actor, {
      sourceId: c.req.valid('param').id,
      targetId: c.req.valid('json').into,
    })
    return c.json(responseBody(AccountMergeResultSchema, result), 200)
  })
  .openapi(queueRoute, async (c) =>
    c.json(
      responseBody(
        PendingJobPageSchema,
        await listPendingJobs(c.var.services, c.var.actor, c.req.valid('query')),
      ),
      200,
    ),
  )
  .openapi(approveRoute, async (c) => {
    const job = await approveJob(c.var.services, c.var.actor, { jobId: c.req.valid('param').id })
    return c.json(responseBody(JobResponseSchema, { job }), 200)
  })
  .openapi(rejectRoute, async (c) => {
    const job = await rejectJob(c.var.services, c.var.actor, {
      jobId: c.req.valid('param').id,
      reason: c.req.valid('json').reason,
    })
    return c.json(responseBody(JobResponseSchema, { job }), 200)
  })
  .openapi(getSettingsRoute, async (c) =>
    c.json(responseBody(AdminSettingsSchema, await getAdminSettings(c.var.services, c.var.actor)), 200),
  )
  .openapi(putSettingsRoute, async (c) =>
    c.json(
      responseBody(
        AdminSettingsSchema,
        await updateAdminSettings(c.var.services, c.var.actor, c.req.valid('json')),
      ),
      200,
    ),
  )
  .openapi(statsRoute, async (c) =>
    c.json(responseBody(PlatformStatsSchema, await getPlatformStats(c.var.services, c.var.actor)), 200),
  )
  .openapi(backgroundJobsRoute, async (c) =>
    c.json(responseBody(BackgroundJobListSchema, await listBackgroundJobs(c.var.services, c.var.actor)), 200),
  )
  .openapi(runBackgroundJobRoute, async (c) =>
    c.json(
      responseBody(
        BackgroundJobRunResponseSchema,
        await runBackgroundJobNow(c.var.services, c.var.actor, { name: c.req.valid('param').name }),
      ),
      200,
    ),
  )
