import { z } from '@hono/zod-openapi'
import { APPROVAL_STATUSES, JOB_STATUSES, MATERIAL_JOB_FIELDS } from '../domain/job-status.js'
import { JOB_TYPE_LABELS, JOB_TYPES, jobTypeFromText } from '../domain/job-types.js'
import { IsoDateTimeSchema } from './dates.js'
import { PaginationQuerySchema, pageOf } from './pagination.js'

export const JobStatusSchema = z.enum(JOB_STATUSES).openapi('JobStatus')
export const ApprovalStatusSchema = z.enum(APPROVAL_STATUSES).openapi('ApprovalStatus')
export const JobTypeSchema = z.enum(JOB_TYPES).openapi('JobType', {
  description: `One of: ${JOB_TYPES.map((type) => `${type} (${JOB_TYPE_LABELS[type]})`).join(', ')}.`,
})

const jobFields = {
  title: z.string().trim().min(1, { error: 'is required' }).max(200),
  description: z.string().trim().max(20_000).nullable(),
  requirements: z
    .string()
    .trim()
    .max(10_000)
    .nullable()
    .openapi({ description: 'What a candidate must bring: skills, experience, certifications.' }),
  department: z.string().trim().max(100).nullable(),
  location: z.string().trim().max(200).nullable(),
  jobType: JobTypeSchema.nullable(),
  salaryRange: z.string().trim().max(100).nullable(),
}

export const JobSchema = z
  .object({
    id: z.string(),
    recruiterId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    requirements: z.string().nullable(),
    department: z.string().nullable(),
    location: z.string().nullable(),
    jobType: JobTypeSchema.nullable(),
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
    requirements: jobFields.requirements.optional(),
    department: jobFields.department.optional(),
    location: jobFields.location.optional(),
    jobType: jobFields.jobType.optional(),
    salaryRange: jobFields.salaryRange.optional(),
  })
  .openapi('CreateJobBody')

export const UpdateJobBodySchema = z.object(jobFields).partial().openapi('UpdateJobBody')

export const MaterialJobFieldSchema = z.enum(MATERIAL_JOB_FIELDS).openapi('MaterialJobField')

export const UpdatedJobResponseSchema = z
  .object({
    job: JobSchema,
    sentBackForApproval: z.array(MaterialJobFieldSchema).openapi({
      description:
        'The fields whose change sent a live job back to the approval queue; empty when it stayed as it was.',
    }),
  })
  .openapi('UpdatedJobResponse')

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
    requirements: z.string().nullable(),
    department: z.string().nullable(),
    location: z.string().nullable(),
    jobType: JobTypeSchema.nullable(),
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
  // Links written before the list existed said "Full-time" or "full time"; they still work.
  jobType: z
    .preprocess(
      (value) =>
        typeof value === 'string' && !(JOB_TYPES as readonly string[]).includes(value)
          ? (jobTypeFromText(value) ?? undefined)
          : value,
      JobTypeSchema.optional(),
    )
    .optional(),
})
