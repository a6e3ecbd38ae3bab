import { z } from '@hono/zod-openapi'
import { USER_ROLES } from '../domain/actor.js'
import { JOB_STATUSES } from '../domain/job-status.js'
import { UserRoleSchema } from './auth.js'
import { IsoDateTimeSchema } from './dates.js'
import { JobSchema } from './jobs.js'
import { PaginationQuerySchema, pageOf } from './pagination.js'

export const AdminUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: UserRoleSchema,
    fullName: z.string().nullable(),
    provider: z.string(),
    disabledAt: IsoDateTimeSchema.nullable(),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('AdminUser')

export const AdminUserPageSchema = pageOf(AdminUserSchema).openapi('AdminUserPage')
export const AdminUserResponseSchema = z.object({ user: AdminUserSchema }).openapi('AdminUserResponse')

export const AdminUserListQuerySchema = PaginationQuerySchema.extend({
  q: z.string().trim().max(200).optional().openapi({ description: 'Matches email or name.' }),
  role: UserRoleSchema.optional(),
})

export const UpdateAdminUserBodySchema = z
  .object({ role: UserRoleSchema, isDisabled: z.boolean() })
  .partial()
  .refine((body) => body.role !== undefined || body.isDisabled !== undefined, {
    error: 'give a role or isDisabled',
  })
  .openapi('UpdateAdminUserBody')

export const UserParamsSchema = z.object({ id: z.uuid({ error: 'must be a user id' }) })

export const AdminSettingsSchema = z
  .object({
    secretSignupCode: z.string().nullable().openapi({
      description:
        'When set, new recruiters must give this code to sign up; null lets anyone sign up as a recruiter.',
    }),
  })
  .openapi('AdminSettings')

export const UpdateAdminSettingsBodySchema = z
  .object({
    secretSignupCode: z
      .string()
      .trim()
      .min(6, { error: 'must be at least 6 characters' })
      .max(100)
      .nullable(),
  })
  .openapi('UpdateAdminSettingsBody')

const countsOf = <T extends string>(keys: readonly [T, ...T[]]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, z.number().int()])) as Record<T, z.ZodNumber>)

export const PlatformStatsSchema = z
  .object({
    users: countsOf(USER_ROLES).extend({ disabled: z.number().int() }),
    interviews: countsOf(['PENDING', 'IN_PROGRESS', 'COMPLETED', 'EXPIRED'] as const),
    jobs: countsOf(JOB_STATUSES).extend({ awaitingApproval: z.number().int() }),
    applications: countsOf(['PENDING', 'REVIEWED', 'SHORTLISTED', 'REJECTED', 'HIRED'] as const),
    lastSevenDays: z
      .object({
        newUsers: z.number().int(),
        jobsCreated: z.number().int(),
        applications: z.number().int(),
        interviewsCompleted: z.number().int(),
      })
      .openapi({ description: 'Activity across the platform in the last seven days.' }),
  })
  .openapi('PlatformStats')

export const JobSubmitterSchema = z
  .object({
    id: z.string(),
    fullName: z.string().nullable(),
    email: z.string(),
    companyName: z.string().nullable(),
  })
  .openapi('JobSubmitter', { description: 'The recruiter who submitted the job, and their company.' })

export const PendingJobSchema = JobSchema.extend({ submittedBy: JobSubmitterSchema }).openapi('PendingJob')
export const PendingJobPageSchema = pageOf(PendingJobSchema).openapi('PendingJobPage')

// ─── Merging an account from the old platform into a VantaHire account ───

export const AccountMergeQuerySchema = z.object({
  into: z
    .uuid({ error: 'must be a user id' })
    .openapi({ description: 'The VantaHire account that takes everything over.' }),
})

export const AccountMergeBodySchema = z
  .object({
    into: z
      .uuid({ error: 'must be a user id' })
      .openapi({ description: 'The VantaHire account that takes everything over.' }),
  })
  .openapi('AccountMergeBody')

const MergeAccountSchema = z.object({ id: z.string(), email: z.string(), role: z.string() })

export const AccountMergePlanSchema = z
  .object({
    source: MergeAccountSchema,
    target: MergeAccountSchema.extend({ provider: z.string() }),
    moves: z.record(z.string(), z.number().int()).openapi({ description: 'Rows that move, by kind.' }),
    leftBehind: z
      .array(z.object({ kind: z.string(), id: z.string(), reason: z.string() }))
      .openapi({ description: 'What stays with the old account and is deleted with it, and why.' }),
  })
  .openapi('AccountMergePlan')

export const AccountMergeResultSchema = AccountMergePlanSchema.extend({
  mergeId: z.string(),
  mergedAt: IsoDateTimeSchema,
}).openapi('AccountMergeResult')
