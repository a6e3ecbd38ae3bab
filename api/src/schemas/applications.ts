import { z } from '@hono/zod-openapi'
import { APPLICATION_STATUSES } from '../domain/application-status.js'
import { IsoDateTimeSchema } from './dates.js'
import { CreateInterviewBodySchema } from './interviews.js'
import { PaginationQuerySchema, pageOf } from './pagination.js'

export const ApplicationStatusSchema = z.enum(APPLICATION_STATUSES).openapi('ApplicationStatus')

export const ApplicationSchema = z
  .object({
    id: z.string(),
    jobId: z.string(),
    candidate: z.object({ id: z.string(), email: z.string(), fullName: z.string().nullable() }),
    coverLetter: z.string().nullable(),
    resumeFileId: z.string().nullable(),
    notes: z
      .string()
      .nullable()
      .openapi({ description: "The recruiter's private notes; never shown to the candidate." }),
    status: ApplicationStatusSchema,
    nextStatuses: z.array(ApplicationStatusSchema).openapi({
      description:
        "The statuses the caller may move this application to next: for the job's recruiter the moves of the transition table (PATCH /api/applications/{id}), for the candidate WITHDRAWN while withdrawing is allowed.",
    }),
    interviewScore: z.number().int().nullable().openapi({
      description:
        "The best score (0–100) of the candidate's scored AI interviews for this job; null when none is scored yet. Shown to the job's recruiter only.",
    }),
    reviewedAt: IsoDateTimeSchema.nullable(),
    withdrawnAt: IsoDateTimeSchema.nullable(),
    appliedAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
    job: z.object({ id: z.string(), title: z.string(), companyName: z.string().nullable() }),
  })
  .openapi('Application')

export const ApplicationResponseSchema = z
  .object({ application: ApplicationSchema })
  .openapi('ApplicationResponse')

const StatusCountsSchema = z
  .object(
    Object.fromEntries(APPLICATION_STATUSES.map((status) => [status, z.number().int()])) as {
      [S in (typeof APPLICATION_STATUSES)[number]]: z.ZodNumber
    },
  )
  .openapi('ApplicationStatusCounts')

export const ApplicationPageSchema = pageOf(ApplicationSchema)
  .extend({
    total: z
      .number()
      .int()
      .openapi({ description: 'How many applications match the filters, on all pages.' }),
  })
  .openapi('ApplicationPage')

export const JobApplicationPageSchema = ApplicationPageSchema.extend({
  statusCounts: StatusCountsSchema.openapi({
    description: 'How many applications match the search and filters other than `status`, per status.',
  }),
}).openapi('JobApplicationPage')

export const ApplyBodySchema = z
  .object({
    coverLetter: z.string().trim().max(10_000).optional(),
    resumeFileId: z
      .uuid({ error: 'must be a file id' })
      .optional()
      .openapi({ description: 'A resume you uploaded (POST /api/files).' }),
    useProfileResume: z
      .boolean()
      .optional()
      .openapi({ description: 'Send the résumé on your candidate profile (when no resumeFileId is given).' }),
  })
  .refine((body) => body.resumeFileId || body.useProfileResume || body.coverLetter, {
    error: 'attach a résumé or write a cover letter (or both)',
    path: ['resumeFileId'],
  })
  .openapi('ApplyBody')

export const MyApplicationResponseSchema = z
  .object({
    // A union, not .nullable(): the generator renders a nullable reference as allOf, which null fails.
    application: z.union([ApplicationSchema, z.null()]).openapi({
      description: 'Your application to this job, or null when you have not applied.',
    }),
  })
  .openapi('MyApplicationResponse')

export const UpdateApplicationBodySchema = z
  .object({ status: ApplicationStatusSchema, notes: z.string().trim().max(10_000).nullable() })
  .partial()
  .refine((body) => body.status !== undefined || body.notes !== undefined, {
    error: 'give a status or notes',
  })
  .openapi('UpdateApplicationBody')

export const ApplicationParamsSchema = z.object({ id: z.uuid({ error: 'must be an application id' }) })

export const APPLICATION_SORTS = ['newest', 'oldest', 'score'] as const
export type ApplicationSort = (typeof APPLICATION_SORTS)[number]

const queryFlag = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((value) => value === 'true')

/** The filters and order a job's applications are listed (and exported) in. */
export const ApplicationFiltersSchema = z.object({
  q: z
    .string()
    .trim()
    .max(200, { error: 'must be at most 200 characters' })
    .optional()
    .openapi({ description: "Words in the candidate's name or email (case-insensitive)." }),
  status: ApplicationStatusSchema.optional(),
  hasResume: queryFlag
    .optional()
    .openapi({ description: 'Only applications with (true) or without (false) a résumé.' }),
  scored: queryFlag.optional().openapi({
    description:
      'Only applications whose candidate has (true) or has not (false) a scored AI interview for the job.',
  }),
  sort: z.enum(APPLICATION_SORTS).default('newest').openapi({
    description:
      '`newest` or `oldest` application first, or `score`: best interview score first (unscored last, newest first among equals).',
  }),
})

export const ApplicationListQuerySchema = PaginationQuerySchema.extend(ApplicationFiltersSchema.shape)

export const InterviewFromApplicationBodySchema = CreateInterviewBodySchema.pick({
  type: true,
  timeLimitMinutes: true,
  expiresAt: true,
  questions: true,
  candidateNotes: true,
}).openapi('InterviewFromApplicationBody')
