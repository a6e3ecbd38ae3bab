import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { parseCandidateCsv } from '../lib/candidate-csv.js'
import { AppError } from '../lib/errors.js'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import { InterviewParamsSchema } from '../schemas/interview-links.js'
import {
  BulkInviteBodySchema,
  BulkInviteFormSchema,
  BulkInviteResultSchema,
  InviteBatchParamsSchema,
  InviteBatchResponseSchema,
  InviteMessageListSchema,
  InviteMessageParamsSchema,
  InviteMessageResponseSchema,
  InvitePreviewSchema,
  MAX_BULK_ROWS,
  OutboxPageSchema,
  OutboxQuerySchema,
  SendInviteBodySchema,
  SentInvitesSchema,
} from '../schemas/invites.js'
import { JobParamsSchema } from '../schemas/jobs.js'
import { errorResponses, jsonContent, jsonResponse, responseBody } from '../schemas/openapi.js'
import { createInviteBatch, getInviteBatch } from '../services/invite-batches.js'
import { listInvites, previewInvite, resendInvite, sendInvites } from '../services/invites.js'
import { listOutbox } from '../services/outbox.js'

const OWNER = 'The interview’s recruiter or an admin (session cookie), or their API key with'

const sendRoute = createRoute({
  method: 'post',
  path: '/interviews/{id}/invites',
  tags: ['Invites'],
  summary: 'Invite the candidate by email, WhatsApp or both',
  description: `${OWNER} interviews:write. Sends the interview's active link (a new one when none is active) in the recruiter's branding. The messages are recorded \`pending\` before anything is sent and answered at once; sending follows in the background, retried with backoff, and each message's status arrives live (\`email:status\`, \`whatsapp:status\`). Without a provider configured, messages go to the outbox. 409 for a completed or expired interview.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' }),
  request: { params: InterviewParamsSchema, body: jsonContent(SendInviteBodySchema) },
  responses: {
    201: jsonResponse(SentInvitesSchema, 'The recorded messages and the link they carry'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const listRoute = createRoute({
  method: 'get',
  path: '/interviews/{id}/invites',
  tags: ['Invites'],
  summary: "An interview's invites and where each stands",
  description: `${OWNER} interviews:read. Newest first.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:read' }),
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(InviteMessageListSchema, 'The messages'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const previewRoute = createRoute({
  method: 'get',
  path: '/interviews/{id}/invites/preview',
  tags: ['Invites'],
  summary: 'How the invite will read',
  description: `${OWNER} interviews:read. The email (subject, text, HTML) and the WhatsApp template's parameters, with the active link (or a placeholder when sending will make one), and whether each channel really sends or goes to the outbox.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:read' }),
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(InvitePreviewSchema, 'The preview'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const resendRoute = createRoute({
  method: 'post',
  path: '/interviews/{id}/invites/{messageId}/resend',
  tags: ['Invites'],
  summary: 'Send an invite again',
  description: `${OWNER} interviews:write. A new message to the same recipient on the same channel, with the interview's active link; the old one keeps its history.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' }),
  request: { params: InviteMessageParamsSchema },
  responses: {
    201: jsonResponse(InviteMessageResponseSchema, 'The new message'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const bulkRoute = createRoute({
  method: 'post',
  path: '/jobs/{id}/invites/bulk',
  tags: ['Invites'],
  summary: 'Invite many candidates to a job at once',
  description: `The job's recruiter or an admin (session cookie), or their API key with interviews:write. JSON rows, or a CSV upload (multipart, field \`file\`, header row name,email,phone,notes; fields \`channels\` such as \`email,whatsapp\` and \`dryRun\`). Up to ${MAX_BULK_ROWS} rows. Each valid row becomes an interview for the job (its title as the role, the default time limit) and its invites; bad rows (missing or invalid email, invalid phone, an email repeated in the list, no phone for a WhatsApp-only invite) are reported with their row number and reason. \`dryRun\` answers the preview and the row errors and creates nothing. Otherwise the answer carries a batch id: progress arrives live (\`invite:batch\`) and at GET /api/invite-batches/{id}.`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:write' }),
  request: {
    params: JobParamsSchema,
    body: {
      content: {
        'application/json': { schema: BulkInviteBodySchema },
        'multipart/form-data': { schema: BulkInviteFormSchema },
      },
      required: false,
    },
  },
  responses: {
    200: jsonResponse(BulkInviteResultSchema, 'A dry run: the preview and the row errors'),
    201: jsonResponse(BulkInviteResultSchema, 'The batch, started'),
    ...errorResponses(400, 401, 403, 404, 413),
  },
})

const batchRoute = createRoute({
  method: 'get',
  path: '/invite-batches/{id}',
  tags: ['Invites'],
  summary: "A bulk invite's progress",
  description:
    "The job's recruiter or an admin (session cookie), or their API key with interviews:read. Message counts by status, and the rows refused.",
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:read' }),
  request: { params: InviteBatchParamsSchema },
  responses: {
    200: jsonResponse(InviteBatchResponseSchema, 'The batch'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const outboxRoute = createRoute({
  method: 'get',
  path: '/outbox',
  tags: ['Invites'],
  summary: 'Messages kept instead of sent',
  description:
    'Recruiters (their own interviews’ messages) and admins (all), by session cookie. While no email or WhatsApp provider is configured, invites land here, rendered, and are not really sent. Newest first.',
  ...authorize({ roles: ['RECRUITER'] }),
  request: { query: OutboxQuerySchema },
  responses: {
    200: jsonResponse(OutboxPageSchema, 'One page of the outbox'),
    ...errorResponses(400, 401, 403),
  },
})

/** Invites by email and WhatsApp, one at a time or in bulk, and the outbox. */
export const inviteRoutes = new OpenAPIHono<AppEnv>()
  .openapi(sendRoute, async (c) => {
    const sent = await sendInvites(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
      ...c.req.valid('json'),
    })
    return c.json(responseBody(SentInvitesSchema, sent), 201)
  })
  .openapi(listRoute, async (c) => {
    const items = await listInvites(c.var.services, c.var.actor, { interviewId: c.req.valid('param').id })
    return c.json(responseBody(InviteMessageListSchema, { items }), 200)
  })
  .openapi(previewRoute, async (c) => {
    const preview = await previewInvite(c.var.services, c.var.actor, { interviewId: c.req.valid('param').id })
    return c.json(responseBody(InvitePreviewSchema, preview), 200)
  })
  .openapi(resendRoute, async (c) => {
    const { id, messageId } = c.req.valid('param')
    const message = await resendInvite(c.var.services, c.var.actor, { interviewId: id, messageId })
    return c.json(responseBody(InviteMessageResponseSchema, { message }), 201)
  })
  .openapi(bulkRoute, async (c) => {
    const contentType = c.req.header('content-type') ?? ''
    let input: Omit<Parameters<typeof createInviteBatch>[2], 'jobId'>
    const form = c.req.valid('form')
    const body = c.req.valid('json')
    if (/^multipart\/form-data/i.test(contentType) && 'file' in form) {
      input = {
        rows: parseCandidateCsv(new Uint8Array(await form.file.arrayBuffer()), { maxRows: MAX_BULK_ROWS }),
        channels: form.channels,
        isDryRun: form.dryRun,
      }
    } else if (/^application\/json/i.test(contentType) && 'rows' in body) {
      input = { rows: body.rows, channels: body.channels, isDryRun: body.dryRun }
    } else {
      throw new AppError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send JSON rows, or a CSV file as multipart/form-data.',
      })
    }
    const result = await createInviteBatch(c.var.services, c.var.actor, {
      jobId: c.req.valid('param').id,
      ...input,
    })
    if (result.batchId) c.var.logger.info({ batchId: result.batchId }, 'bulk invite started')
    return result.isDryRun
      ? c.json(responseBody(BulkInviteResultSchema, result), 200)
      : c.json(responseBody(BulkInviteResultSchema, result), 201)
  })
  .openapi(batchRoute, async (c) => {
    const batch = await getInviteBatch(c.var.services, c.var.actor, { batchId: c.req.valid('param').id })
    return c.json(responseBody(InviteBatchResponseSchema, { batch }), 200)
  })
  .openapi(outboxRoute, async (c) => {
    const page = await listOutbox(c.var.services, c.var.actor, c.req.valid('query'))
    return c.json(responseBody(OutboxPageSchema, page), 200)
  })
