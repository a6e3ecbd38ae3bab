import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import { byInterviewLink } from '../middleware/interview-link.js'
import { InterviewParamsSchema } from '../schemas/interview-links.js'
import { errorResponses, jsonContent, jsonResponse, responseBody } from '../schemas/openapi.js'
import {
  RecordingCompleteBodySchema,
  RecordingPlaybackSchema,
  RecordingStoredSchema,
  RecordingUploadSchema,
} from '../schemas/recordings.js'
import {
  completeRecordingUpload,
  getRecordingPlayback,
  startRecordingUpload,
} from '../services/recordings.js'

const LINK_AUTH = 'Candidate link token in `X-Interview-Token`.'
const NOT_CONFIGURED =
  '409 with `details.reason: recording_not_configured` when this server keeps no recordings.'

const uploadRoute = createRoute({
  method: 'post',
  path: '/candidate/interview/recording',
  tags: ['Candidates'],
  summary: 'A signed URL to upload the interview’s recording straight to Cloud Storage',
  description: `${LINK_AUTH} POST the \`uploadUrl\` with \`x-goog-resumable: start\` and \`Content-Type\` as given to open a resumable upload session (its URL is in the answer’s \`Location\`), then PUT the video to the session in chunks of multiples of 256 KiB with \`Content-Range\`. ${NOT_CONFIGURED} 409 with \`recording_consent_required\` when the candidate did not agree to be recorded, and \`interview_not_in_progress\` outside the interview.`,
  ...byInterviewLink(),
  responses: {
    201: jsonResponse(RecordingUploadSchema, 'Where to upload'),
    ...errorResponses(401, 409, 410, 429),
  },
})

const completeRoute = createRoute({
  method: 'post',
  path: '/candidate/interview/recording/complete',
  tags: ['Candidates'],
  summary: 'Say that the recording has finished uploading',
  description: `${LINK_AUTH} The object must be in the bucket (409 \`recording_not_uploaded\` otherwise; 503 when Cloud Storage cannot be reached, so try again); it becomes the interview’s recording, is written to the evidence log, and the recruiter is told. Also after the interview has ended; completing it again changes nothing. ${NOT_CONFIGURED}`,
  ...byInterviewLink(),
  request: { body: jsonContent(RecordingCompleteBodySchema) },
  responses: {
    200: jsonResponse(RecordingStoredSchema, 'The recording is stored'),
    ...errorResponses(400, 401, 409, 410, 429, 503),
  },
})

const playbackRoute = createRoute({
  method: 'get',
  path: '/interviews/{id}/recording',
  tags: ['Interviews'],
  summary: 'A short-lived signed URL that plays the interview’s recording',
  description: `The interview’s recruiter (or an admin), or their API key with interviews:read. 404 with \`details.reason: no_recording\` when there is none. ${NOT_CONFIGURED}`,
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'interviews:read' }),
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(RecordingPlaybackSchema, 'Where to play it'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

/** Interview recordings: the candidate uploads, the recruiter plays; the video itself never passes through here. */
export const recordingRoutes = new OpenAPIHono<AppEnv>()
  .openapi(uploadRoute, async (c) => {
    const upload = await startRecordingUpload(c.var.services, c.var.actor)
    return c.json(responseBody(RecordingUploadSchema, upload), 201)
  })
  .openapi(completeRoute, async (c) => {
    const stored = await completeRecordingUpload(c.var.services, c.var.actor, c.req.valid('json'))
    return c.json(responseBody(RecordingStoredSchema, stored), 200)
  })
  .openapi(playbackRoute, async (c) => {
    const playback = await getRecordingPlayback(c.var.services, c.var.actor, {
      interviewId: c.req.valid('param').id,
    })
    return c.json(responseBody(RecordingPlaybackSchema, playback), 200)
  })
