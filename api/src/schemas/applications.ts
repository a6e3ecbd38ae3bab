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
export const ApplicationPageSchema = pageOf(ApplicationSchema).openapi('ApplicationPage')

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

export const ApplicationListQuerySchema = PaginationQuerySchema.extend({
  status: ApplicationStatusSchema.optional(),
})

export const InterviewFromApplicationBodySchema = CreateInterviewBodySchema.pick({
  type: true,
  timeLimitMinutes: true,
  expiresAt: true,
  questions: true,
  candidateNotes: true,
}).openapi('InterviewFromApplicationBody')
