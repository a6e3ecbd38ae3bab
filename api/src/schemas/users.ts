import { z } from '@hono/zod-openapi'
import { UserRoleSchema } from './auth.js'
import { IsoDateTimeSchema } from './dates.js'
import { EMAIL_PATTERN } from './email.js'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .transform((value) => (value === '' ? null : value))
    .nullable()

/** An empty form field clears the value, as it does for text fields. */
const emptyAsNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? null : value), schema)

const httpsUrl = emptyAsNull(
  z
    .url({ protocol: /^https?$/, error: 'must be a web address starting with https://' })
    .max(500)
    .nullable(),
)

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: UserRoleSchema,
    fullName: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('User')

export const UserResponseSchema = z.object({ user: UserSchema }).openapi('UserResponse')

export const UpdateUserBodySchema = z
  .object({ fullName: optionalText(200) })
  .partial()
  .openapi('UpdateUserBody')

export const RecruiterProfileSchema = z
  .object({
    companyName: z.string().nullable(),
    logoFileId: z.string().nullable(),
    brandColor: z.string().nullable(),
    emailIntro: z.string().nullable(),
    emailTips: z.string().nullable(),
    emailCtaText: z.string().nullable(),
    subscriptionStatus: z.enum(['FREE', 'PAID', 'ENTERPRISE']),
  })
  .openapi('RecruiterProfile')

export const RecruiterProfileResponseSchema = z
  .object({ profile: RecruiterProfileSchema })
  .openapi('RecruiterProfileResponse')

export const UpdateRecruiterProfileBodySchema = z
  .object({
    companyName: optionalText(200),
    brandColor: emptyAsNull(
      z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour like #4f46e5' })
        .transform((value) => value.toLowerCase())
        .nullable(),
    ),
    emailIntro: optionalText(2000),
    emailTips: optionalText(2000),
    emailCtaText: optionalText(60),
    logoFileId: z.uuid({ error: 'must be a file id' }).nullable().openapi({
      description: 'A LOGO you uploaded (POST /api/files?category=LOGO); null removes the logo.',
    }),
  })
  .partial()
  .openapi('UpdateRecruiterProfileBody')

export const CandidateProfileSchema = z
  .object({
    fullName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    bio: z.string().nullable(),
    skills: z.array(z.string()),
    experienceYears: z.number().int().nullable(),
    resumeFileId: z.string().nullable(),
    linkedinUrl: z.string().nullable(),
    portfolioUrl: z.string().nullable(),
  })
  .openapi('CandidateProfile')

export const CandidateProfileResponseSchema = z
  .object({ profile: CandidateProfileSchema })
  .openapi('CandidateProfileResponse')

export const UpdateCandidateProfileBodySchema = z
  .object({
    fullName: optionalText(200),
    email: emptyAsNull(
      z.email({ error: 'must be an email address' }).max(320).openapi({ pattern: EMAIL_PATTERN }).nullable(),
    ),
    phone: emptyAsNull(
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{6,20}$/, { error: 'must be a phone number, for example +44 20 7946 0958' })
        .nullable(),
    ),
    bio: optionalText(2000),
    skills: z
      .array(z.string().trim().min(1).max(50))
      .max(50, { error: 'at most 50 skills' })
      .transform((skills) => [...new Set(skills)]),
    experienceYears: z.number().int().min(0).max(70).nullable(),
    linkedinUrl: httpsUrl,
    portfolioUrl: httpsUrl,
    resumeFileId: z
      .uuid({ error: 'must be a file id' })
      .nullable()
      .openapi({ description: 'A RESUME you uploaded (POST /api/files?category=RESUME); null removes it.' }),
  })
  .partial()
  .openapi('UpdateCandidateProfileBody')
