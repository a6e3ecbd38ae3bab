import { z } from '@hono/zod-openapi'
import { USER_ROLES } from '../domain/actor.js'
import { SIGN_UP_ROLES } from '../domain/sign-in.js'
import { emailAddress } from './email.js'

export const UserRoleSchema = z.enum(USER_ROLES).openapi('UserRole')

/** New accounts choose their role; recruiters may need the admins' sign-up code. */
export const SignUpRoleSchema = z.enum(SIGN_UP_ROLES)

export const SignedInUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: UserRoleSchema,
    fullName: z.string().nullable(),
    avatarUrl: z.string().nullable(),
  })
  .openapi('SignedInUser')

export const MeSchema = z.object({ user: SignedInUserSchema }).openapi('Me')

/** `/auth/me`: who is signed in in this browser; `user` is null when nobody is. */
export const CurrentUserSchema = z
  .object({
    // A union, not .nullable(): the generator renders a nullable reference as allOf, which null fails.
    user: z.union([SignedInUserSchema, z.null()]).openapi({
      description: 'Null when nobody is signed in (no session, or one that has ended).',
    }),
  })
  .openapi('CurrentUser')

export const ProviderIdSchema = z.enum(['google', 'linkedin'])

export const AuthOptionsSchema = z
  .object({
    providers: z.array(z.object({ id: ProviderIdSchema, name: z.string() })),
    isDevLoginEnabled: z.boolean(),
    isSignupCodeRequired: z.boolean(),
  })
  .openapi('AuthOptions')

export const OAuthStartQuerySchema = z.object({
  role: SignUpRoleSchema.default('CANDIDATE').openapi({
    description: 'Role of a new account; existing accounts keep theirs.',
  }),
  signupCode: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'Required for new recruiters when admins set one.' }),
  redirectTo: z
    .string()
    .max(2000)
    .optional()
    .openapi({ description: 'An app path to land on, e.g. /interviews.' }),
})

export const OAuthCallbackQuerySchema = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(200).optional(),
})

export const DevLoginBodySchema = z
  .object({
    email: emailAddress(),
    role: z.enum(USER_ROLES).default('RECRUITER'),
    fullName: z.string().trim().min(1).max(200).optional(),
    signupCode: z.string().max(200).optional(),
  })
  .openapi('DevLoginBody')

export const LogoutAllSchema = z.object({ revokedSessions: z.number().int() }).openapi('LogoutAll')
