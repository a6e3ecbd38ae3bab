import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { type MyApplication, myApplicationsQueryKey } from '../../my-applications'
import { uploadResume } from './upload-resume'

type ApplyBody = InferRequestType<(typeof api.api.jobs)[':id']['applications']['$post']>['json']

export type ApplyInput = {
  jobId: string
  coverLetter: ApplyBody['coverLetter']
  /** Uploaded first; the application then names it. */
  resume?: File
  /** Send the résumé on the candidate's profile (when no file is given). */
  useProfileResume?: boolean
}

/** What failed when applying didn't work: the resume upload, or the application itself. */
export type ApplyStep = 'upload' | 'apply'

/** An error from one step of applying, keeping the API's error as `cause`. */
export class ApplyError extends Error {
  override readonly name = 'ApplyError'
  readonly step: ApplyStep

  constructor(step: ApplyStep, cause: unknown) {
    super(cause instanceof Error ? cause.message : 'Applying failed.', { cause })
    this.step = step
  }
}

/** Uploads the resume, if there is one, then applies to the job with the cover letter and that resume. */
export async function applyToJob(input: ApplyInput): Promise<MyApplication> {
  let resumeFileId: string | undefined
  if (input.resume) {
    try {
      resumeFileId = (await uploadResume(input.resume)).id
    } catch (error) {
      throw new ApplyError('upload', error)
    }
  }
  try {
    const res = await api.api.jobs[':id'].applications.$post({
      param: { id: input.jobId },
      json: {
        ...(input.coverLetter ? { coverLetter: input.coverLetter } : {}),
        ...(resumeFileId ? { resumeFileId } : input.useProfileResume ? { useProfileResume: true } : {}),
      },
    })
    return (await unwrap(res)).application
  } catch (error) {
    throw new ApplyError('apply', error)
  }
}

/**
 * `onApplied` runs before the candidate's applications are fetched again: once they hold this one,
 * the form gives way to it, and callbacks given to `mutate` never run for an unmounted form.
 */
export function useApplyToJob(options: { onApplied?: (application: MyApplication) => void } = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: applyToJob,
    onSuccess: (application) => {
      options.onApplied?.(application)
      return queryClient.invalidateQueries({ queryKey: myApplicationsQueryKey })
    },
  })
}
