import { z } from '@hono/zod-openapi'
import { APPROVAL_STATUSES, JOB_STATUSES } from '../domain/job-status.js'
import { IsoDateTimeSchema } from './dates.js'
import { PaginationQuerySchema, pageOf } from './pagination.js'

export const JobStatusSchema = z.enum(JOB_STATUSES).openapi('JobStatus')
export const ApprovalStatusSchema = z.enum(APPROVAL_STATUSES).openapi('ApprovalStatus')

const jobFields = {
  title: z.string().trim().min(1, { error: 'is required' }).max(200),
  description: z.string().trim().max(20_000).nullable(),
  department: z.string().trim().max(100).nullable(),
  location: z.string().trim().max(200).nullable(),
  jobType: z
    .string()
    .trim()
    .max(50)
    .nullable()
    .openapi({ description: 'For example Full-time, Part-time, Contract.' }),
  salaryRange: z.string().trim().max(100).nullable(),
}

export const JobSchema = z
  .object({
    id: z.string(),
    recruiterId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    department: z.string().nullable(),
    location: z.string().nullable(),
    jobType: z.string().nullable(),
    salaryRange: z.string().nullable(),
    status: JobStatusSchema,
    approvalStatus: ApprovalStatusSchema,
    approvedAt: IsoDateTimeSchema.nullable(),
    rejectionReason: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
    applicationCount: z.number().int(),
  })
  .openapi('Job')

export const JobResponseSchema = z.object({ job: JobSchema }).openapi('JobResponse')
export const JobPageSchema = pageOf(JobSchema).openapi('JobPage')

export const CreateJobBodySchema = z
  .object({
    ...jobFields,
    description: jobFields.description.optional(),
    department: jobFields.department.optional(),
    location: jobFields.location.optional(),
    jobType: jobFields.jobType.optional(),
    salaryRange: jobFields.salaryRange.optional(),
  })
  .openapi('CreateJobBody')

export const UpdateJobBodySchema = z.object(jobFields).partial().openapi('UpdateJobBody')

export const JobParamsSchema = z.object({ id: z.uuid({ error: 'must be a job id' }) })

export const JobListQuerySchema = PaginationQuerySchema.extend({
  status: JobStatusSchema.optional(),
  approvalStatus: ApprovalStatusSchema.optional(),
})

export const RejectJobBodySchema = z
  .object({ reason: z.string().trim().min(3, { error: 'say why, so the recruiter can fix it' }).max(2000) })
  .openapi('RejectJobBody')

export const PublicJobSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    department: z.string().nullable(),
    location: z.string().nullable(),
    jobType: z.string().nullable(),
    salaryRange: z.string().nullable(),
    company: z.object({
      name: z.string().nullable(),
      brandColor: z.string().nullable(),
      logoFileId: z.string().nullable(),
    }),
    postedAt: IsoDateTimeSchema,
  })
  .openapi('PublicJob')

export const PublicJobPageSchema = pageOf(PublicJobSchema).openapi('PublicJobPage')
export const PublicJobResponseSchema = z.object({ job: PublicJobSchema }).openapi('PublicJobResponse')

export const PublicJobListQuerySchema = PaginationQuerySchema.extend({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: 'Matches title, department or description.' }),
  location: z.string().trim().max(200).optional(),
  jobType: z.string().trim().max(50).optional(),
})
