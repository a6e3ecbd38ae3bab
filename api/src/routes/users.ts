import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import { errorResponses, jsonContent, jsonResponse, responseBody } from '../schemas/openapi.js'
import {
  CandidateProfileResponseSchema,
  RecruiterProfileResponseSchema,
  UpdateCandidateProfileBodySchema,
  UpdateRecruiterProfileBodySchema,
  UpdateUserBodySchema,
  UserResponseSchema,
} from '../schemas/users.js'
import {
  getCandidateProfile,
  getRecruiterProfile,
  getUser,
  updateCandidateProfile,
  updateRecruiterProfile,
  updateUser,
} from '../services/users.js'

const SIGNED_IN = 'Signed-in users (session cookie).'
const RECRUITERS = 'Recruiters and admins (session cookie).'
const CANDIDATES = 'Candidates (session cookie).'

const getMeRoute = createRoute({
  method: 'get',
  path: '/users/me',
  tags: ['Users'],
  summary: 'Your account',
  description: SIGNED_IN,
  ...authorize(),
  responses: { 200: jsonResponse(UserResponseSchema, 'The account'), ...errorResponses(401) },
})

const patchMeRoute = createRoute({
  method: 'patch',
  path: '/users/me',
  tags: ['Users'],
  summary: 'Change your name',
  description: SIGNED_IN,
  ...authorize(),
  request: { body: jsonContent(UpdateUserBodySchema) },
  responses: {
    200: jsonResponse(UserResponseSchema, 'The updated account'),
    ...errorResponses(400, 401, 403),
  },
})

const getRecruiterProfileRoute = createRoute({
  method: 'get',
  path: '/users/me/recruiter-profile',
  tags: ['Users'],
  summary: 'Your company profile and email branding',
  description: RECRUITERS,
  ...authorize({ roles: ['RECRUITER'] }),
  responses: {
    200: jsonResponse(RecruiterProfileResponseSchema, 'The profile'),
    ...errorResponses(401, 403),
  },
})

const putRecruiterProfileRoute = createRoute({
  method: 'put',
  path: '/users/me/recruiter-profile',
  tags: ['Users'],
  summary: 'Change your company profile and email branding',
  description: `${RECRUITERS} Fields left out stay as they are; an empty string clears a field.`,
  ...authorize({ roles: ['RECRUITER'] }),
  request: { body: jsonContent(UpdateRecruiterProfileBodySchema) },
  responses: {
    200: jsonResponse(RecruiterProfileResponseSchema, 'The updated profile'),
    ...errorResponses(400, 401, 403),
  },
})

const getCandidateProfileRoute = createRoute({
  method: 'get',
  path: '/users/me/candidate-profile',
  tags: ['Users'],
  summary: 'Your candidate profile',
  description: CANDIDATES,
  ...authorize({ roles: ['CANDIDATE'] }),
  responses: {
    200: jsonResponse(CandidateProfileResponseSchema, 'The profile'),
    ...errorResponses(401, 403),
  },
})

const putCandidateProfileRoute = createRoute({
  method: 'put',
  path: '/users/me/candidate-profile',
  tags: ['Users'],
  summary: 'Change your candidate profile',
  description: `${CANDIDATES} Fields left out stay as they are.`,
  ...authorize({ roles: ['CANDIDATE'] }),
  request: { body: jsonContent(UpdateCandidateProfileBodySchema) },
  responses: {
    200: jsonResponse(CandidateProfileResponseSchema, 'The updated profile'),
    ...errorResponses(400, 401, 403),
  },
})

/** The signed-in user's own account and profiles. */
export const userRoutes = new OpenAPIHono<AppEnv>()
  .openapi(getMeRoute, async (c) =>
    c.json(responseBody(UserResponseSchema, { user: await getUser(c.var.services, c.var.actor) }), 200),
  )
  .openapi(patchMeRoute, async (c) => {
    const user = await updateUser(c.var.services, c.var.actor, c.req.valid('json'))
    return c.json(responseBody(UserResponseSchema, { user }), 200)
  })
  .openapi(getRecruiterProfileRoute, async (c) => {
    const profile = await getRecruiterProfile(c.var.services, c.var.actor)
    return c.json(responseBody(RecruiterProfileResponseSchema, { profile }), 200)
  })
  .openapi(putRecruiterProfileRoute, async (c) => {
    const profile = await updateRecruiterProfile(c.var.services, c.var.actor, c.req.valid('json'))
    return c.json(responseBody(RecruiterProfileResponseSchema, { profile }), 200)
  })
  .openapi(getCandidateProfileRoute, async (c) => {
    const profile = await getCandidateProfile(c.var.services, c.var.actor)
    return c.json(responseBody(CandidateProfileResponseSchema, { profile }), 200)
  })
  .openapi(putCandidateProfileRoute, async (c) => {
    const profile = await updateCandidateProfile(c.var.services, c.var.actor, c.req.valid('json'))
    return c.json(responseBody(CandidateProfileResponseSchema, { profile }), 200)
  })
