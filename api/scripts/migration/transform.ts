// npm run migrate:transform — maps the exported rows and objects onto VantaHire's schema.
import { mkdir, open, writeFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { ALLOWED_FILE_TYPES, FILE_SIZE_LIMITS, type FileCategoryName } from '../../src/domain/file-limits.js'
import { detectFileType, FILE_TYPES } from '../../src/domain/file-types.js'
import { jobTypeFromText } from '../../src/domain/job-types.js'
import { type CommandSpec, type FlagSpec, formatSummary, Progress, runCommand } from './cli.js'
import {
  objectUuid,
  paths,
  recordingKey,
  SOURCE_TABLES,
  type SourceTable,
  type TargetModel,
} from './layout.js'
import { countLines, NdjsonWriter, readNdjson } from './ndjson.js'

export const TRANSFORM_COMMAND = {
  name: 'migrate:transform',
  summary:
    'Maps the export onto the new schema: snake_case to camelCase, enums to upper case, roles from\n' +
    'user_roles, users as provider "legacy" with their old id as providerId, ids kept. Rows that cannot\n' +
    'be mapped go to rejects.ndjson with the reason; optional references that name nothing are cleared\n' +
    'and listed in repairs.ndjson.',
  flags: {
    dir: { type: 'string', description: 'the export folder', env: 'MIGRATION_DIR', default: './migration' },
  },
} as const satisfies CommandSpec<Record<string, FlagSpec>>

type Row = Record<string, unknown>
export type Reject = { table: string; id: string; reason: string; row?: unknown }
type Counts = { read: number; mapped: number; merged: number; rejected: number }

const ROLE_RANK = { admin: 3, recruiter: 2, candidate: 1 } as const
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MESSAGE_ROLES = new Set(['user', 'assistant', 'system'])
const INTERVIEW_STATUSES = new Set(['PENDING', 'IN_PROGRESS', 'COMPLETED', 'EXPIRED'])
const INTERVIEW_TYPES = new Set(['TEXT', 'VOICE'])
const JOB_STATUSES = new Set(['DRAFT', 'ACTIVE', 'CLOSED'])
const APPROVAL_STATUSES = new Set(['PENDING', 'APPROVED', 'REJECTED'])
const APPLICATION_STATUSES = new Set(['PENDING', 'REVIEWED', 'SHORTLISTED', 'REJECTED', 'HIRED', 'WITHDRAWN'])
const SUBSCRIPTIONS = new Set(['FREE', 'PAID', 'ENTERPRISE'])
const API_KEY_STATUSES = new Set(['ACTIVE', 'REVOKED', 'EXPIRED'])
const EMAIL_STATUSES = new Set(['pending', 'sent', 'delivered', 'opened', 'bounced', 'failed'])
const WHATSAPP_STATUSES = new Set(['pending', 'sent', 'delivered', 'read', 'failed'])
const RECORDING_TYPES: Record<string, string> = {
  webm: 'video/webm',
  mp4: 'video/mp4',
  ogg: 'video/ogg',
  mkv: 'video/x-matroska',
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value))
const blankToNull = (value: unknown): string | null => {
  const result = text(value)?.trim()
  return result ? result : null
}
const date = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null
  const parsed = new Date(String(value))
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString()
}
const int = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null
  const parsed = Number(value)
  return Number.isInteger(parsed) ? parsed : null
}
const textArray = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [])
const upper = (value: unknown): string | null =>
  blankToNull(value)
    ?.toUpperCase()
    .replace(/[\s-]+/g, '_') ?? null
/** Postgres text cannot hold NUL; old rows sometimes do. */
const clean = (value: string | null): string | null =>
  value === null ? null : value.replaceAll('\u0000', '')

class Invalid extends Error {}
function requireEnum(value: unknown, allowed: Set<string>, field: string, fallback?: string): string {
  const mapped = upper(value) ?? fallback
  if (!mapped || !allowed.has(mapped))
    throw new Invalid(`${field} "${String(value)}" is not one of ${[...allowed].join(', ')}`)
  return mapped
}

export type TransformResult = {
  tables: Record<SourceTable | 'files', Counts>
  models: Record<string, number>
  rejects: number
  repairs: number
}

/** A file in a bucket that some row names, and what it becomes. */
type FileReference =
  | { kind: 'logo'; profileId: string; userId: string }
  | {
      kind: 'resume'
      model: 'CandidateProfile' | 'Interview' | 'JobApplication'
      id: string
      userId: string | null
      interviewId: string | null
      jobApplicationId: string | null
    }
  | { kind: 'recording'; interviewId: string }

export async function runTransform(options: {
  dir: string
  dryRun?: boolean
  quiet?: boolean
}): Promise<TransformResult> {
  const layout = paths(options.dir)
  await mkdir(layout.transformedDir, { recursive: true })
  const suffix = options.dryRun ? '.dry-run' : ''
  const writers = new Map<string, NdjsonWriter>()
  const writer = (model: TargetModel | 'FileLink' | 'Recording') => {
    let found = writers.get(model)
    if (!found) {
      found = new NdjsonWriter(`${layout.model(model)}${suffix}`)
      writers.set(model, found)
    }
    return found
  }
  const rejects = new NdjsonWriter(`${layout.rejects}${suffix}`)
  const repairs = new NdjsonWriter(`${layout.repairs}${suffix}`)
  const tables = Object.fromEntries(
    [...SOURCE_TABLES, 'files'].map((table) => [table, { read: 0, mapped: 0, merged: 0, rejected: 0 }]),
  ) as TransformResult['tables']
  const reject = async (table: SourceTable | 'files', id: string, reason: string, row?: unknown) => {
    tables[table].rejected += 1
    await rejects.write({ table, id, reason, row })
  }
  const repair = async (table: SourceTable, id: string, field: string, value: unknown, reason: string) => {
    await repairs.write({ table, id, field, value, reason })
  }
  const fileReferences = new Map<string, FileReference[]>()
  const referTo = (bucket: string, path: unknown, reference: FileReference) => {
    const key = blankToNull(path)
    if (!key) return
    const full = `${bucket}/${key.replace(/^\/+/, '')}`
    fileReferences.set(full, [...(fileReferences.get(full) ?? []), reference])
  }

  /** Reads one exported table, with a progress bar, handing each row to `map`; a thrown Invalid rejects the row. */
  const each = async (table: SourceTable, map: (row: Row) => Promise<void>) => {
    const progress = new Progress(
      `transform ${table}`,
      await countLines(layout.table(table)),
      process.stderr,
      options.quiet,
    )
    for await (const row of readNdjson<Row>(layout.table(table))) {
      tables[table].read += 1
      try {
        await map(row)
      } catch (error) {
        if (!(error instanceof Invalid)) throw error
        await reject(table, String(row.id), error.message, row)
      }
      progress.tick()
    }
    progress.finish()
  }

  // ── Users: roles, names and profiles first, then the users themselves ──
  const roles = new Map<string, keyof typeof ROLE_RANK>()
  const userRoleRows: Row[] = []
  await each('user_roles', async (row) => {
    const role = blankToNull(row.role)?.toLowerCase()
    if (!role || !(role in ROLE_RANK))
      throw new Invalid(`role "${String(row.role)}" is not admin, recruiter or candidate`)
    userRoleRows.push(row)
    const userId = String(row.user_id)
    const current = roles.get(userId)
    // Several roles: the one that can do most (an admin who also recruits is an admin).
    if (!current || ROLE_RANK[role as keyof typeof ROLE_RANK] > ROLE_RANK[current])
      roles.set(userId, role as keyof typeof ROLE_RANK)
  })
  const profiles = new Map<string, Row>()
  await each('profiles', async (row) => {
    profiles.set(String(row.id), row)
  })
  tables.profiles.read = 0 // counted again below, where each profile is mapped

  const users = new Map<string, { role: string; email: string }>()
  const byEmail = new Map<string, { id: string; createdAt: string }>()
  const userRows: Row[] = []
  await each('users', async (row) => {
    userRows.push(row)
  })
  // Oldest account first: when two old accounts share an email, the first one made keeps it.
  userRows.sort(
    (a, b) =>
      String(date(a.created_at)).localeCompare(String(date(b.created_at))) ||
      String(a.id).localeCompare(String(b.id)),
  )
  for (const row of userRows) {
    const id = String(row.id)
    const profile = profiles.get(id)
    const email = blankToNull(row.email ?? profile?.email)?.toLowerCase() ?? null
    if (!email) {
      await reject('users', id, 'email missing: an account is linked at sign-in by its email', row)
      continue
    }
    if (!EMAIL.test(email)) {
      await reject('users', id, `email "${email}" is not an email address`, row)
      continue
    }
    const holder = byEmail.get(email)
    if (holder) {
      await reject(
        'users',
        id,
        `email ${email} already belongs to user ${holder.id}, created earlier; merge by hand if both are one person`,
        row,
      )
      continue
    }
    const createdAt = date(row.created_at) ?? new Date().toISOString()
    byEmail.set(email, { id, createdAt })
    const role = (roles.get(id) ?? 'recruiter').toUpperCase()
    users.set(id, { role, email })
    const metadata = (row.raw_user_meta_data ?? {}) as Row
    await writer('User').write({
      id,
      email,
      role,
      provider: 'legacy',
      providerId: id,
      fullName: clean(blankToNull(profile?.full_name) ?? blankToNull(metadata.full_name)),
      avatarUrl: blankToNull(profile?.avatar_url),
      disabledAt:
        date(row.banned_until) && new Date(String(row.banned_until)) > new Date()
          ? date(row.created_at)
          : null,
      createdAt,
      updatedAt: date(row.updated_at) ?? createdAt,
    })
    tables.users.mapped += 1
  }
  for (const row of userRoleRows) {
    if (users.has(String(row.user_id))) tables.user_roles.merged += 1
    else await reject('user_roles', String(row.id), `user ${String(row.user_id)} was not migrated`, row)
  }

  await each('profiles', async (row) => {
    const id = String(row.id)
    const user = users.get(id)
    if (!user) throw new Invalid(`user ${id} was not migrated`)
    if (user.role === 'CANDIDATE') {
      // A candidate's profile row held only their name, which their User now carries.
      tables.profiles.merged += 1
      return
    }
    const createdAt = date(row.created_at) ?? new Date().toISOString()
    const subscriptionStatus = requireEnum(
      row.subscription_status,
      SUBSCRIPTIONS,
      'subscription_status',
      'FREE',
    )
    referTo('company-logos', row.logo_url, { kind: 'logo', profileId: id, userId: id })
    await writer('RecruiterProfile').write({
      id,
      userId: id,
      companyName: clean(blankToNull(row.company_name)),
      brandColor: blankToNull(row.brand_color),
      emailIntro: clean(text(row.email_intro)),
      emailTips: clean(text(row.email_tips)),
      emailCtaText: clean(text(row.email_cta_text)),
      subscriptionStatus,
      subscriptionUpdatedAt: date(row.subscription_updated_at),
      createdAt,
      updatedAt: date(row.updated_at) ?? createdAt,
    })
    tables.profiles.mapped += 1
  })

  const candidateProfileOf = new Set<string>()
  await each('candidate_profiles', async (row) => {
    const id = String(row.id)
    const userId = String(row.user_id)
    if (!users.has(userId)) throw new Invalid(`user ${userId} was not migrated`)
    if (candidateProfileOf.has(userId)) throw new Invalid(`user ${userId} already has a candidate profile`)
    candidateProfileOf.add(userId)
    referTo('interview-documents', row.resume_url, {
      kind: 'resume',
      model: 'CandidateProfile',
      id,
      userId,
      interviewId: null,
      jobApplicationId: null,
    })
    const createdAt = date(row.created_at) ?? new Date().toISOString()
    await writer('CandidateProfile').write({
      id,
      userId,
      fullName: clean(blankToNull(row.full_name)),
      email: blankToNull(row.email)?.toLowerCase() ?? null,
      phone: blankToNull(row.phone),
      bio: clean(text(row.bio)),
      skills: textArray(row.skills),
      experienceYears: int(row.experience_years),
      linkedinUrl: blankToNull(row.linkedin_url),
      portfolioUrl: blankToNull(row.portfolio_url),
      createdAt,
      updatedAt: date(row.updated_at) ?? createdAt,
    })
    tables.candidate_profiles.mapped += 1
  })

  // ── Jobs, interviews and their messages ──
  const jobs = new Set<string>()
  await each('jobs', async (row) => {
    const id = String(row.id)
    const recruiterId = String(row.recruiter_id)
    if (!users.has(recruiterId)) throw new Invalid(`recruiter ${recruiterId} was not migrated`)
    const title = clean(blankToNull(row.title))
    if (!title) throw new Invalid('title missing')
    let approvedBy = text(row.approved_by)
    if (approvedBy && !users.has(approvedBy)) {
      await repair('jobs', id, 'approved_by', approvedBy, 'approver was not migrated')
      approvedBy = null
    }
    const createdAt = date(row.created_at) ?? new Date().toISOString()
    await writer('Job').write({
      id,
      recruiterId,
      title,
      description: clean(text(row.description)),
      requirements: clean(text(row.requirements)),
      department: clean(blankToNull(row.department)),
      location: clean(blankToNull(row.location)),
      jobType: jobTypeFromText(text(row.job_type)),
      salaryRange: clean(blankToNull(row.salary_range)),
      status: requireEnum(row.status, JOB_STATUSES, 'status', 'DRAFT'),
      approvalStatus: requireEnum(row.approval_status, APPROVAL_STATUSES, 'approval_status', 'PENDING'),
      approvedAt: date(row.approved_at),
      approvedBy,
      rejectionReason: clean(text(row.rejection_reason)),
      createdAt,
      updatedAt: date(row.updated_at) ?? createdAt,
    })
    jobs.add(id)
    tables.jobs.mapped += 1
  })

  const interviews = new Set<string>()
  await each('interviews', async (row) => {
    const id = String(row.id)
    const recruiterId = String(row.recruiter_id)
    if (!users.has(recruiterId)) throw new Invalid(`recruiter ${recruiterId} was not migrated`)
    const candidateEmail = blankToNull(row.candidate_email)?.toLowerCase()
    if (!candidateEmail) throw new Invalid('candidate_email missing: the invite has nowhere to go')
    const jobRole = clean(blankToNull(row.job_role))
    if (!jobRole) throw new Invalid('job_role missing')
    const status = requireEnum(row.status, INTERVIEW_STATUSES, 'status', 'PENDING')
    const type = requireEnum(row.type ?? row.interview_type, INTERVIEW_TYPES, 'type', 'TEXT')
    let jobId = text(row.job_id)
    if (jobId && !jobs.has(jobId)) {
      await repair('interviews', id, 'job_id', jobId, 'job was not migrated')
      jobId = null
    }
    let candidateUserId = text(row.candidate_user_id)
    if (candidateUserId && !users.has(candidateUserId)) {
      await repair(
        'interviews',
        id,
        'candidate_user_id',
        candidateUserId,
        'candidate account was not migrated',
      )
      candidateUserId = null
    }
    const score = int(row.score)
    referTo('interview-documents', row.candidate_resume_url, {
      kind: 'resume',
      model: 'Interview',
      id,
      userId: null,
      interviewId: id,
      jobApplicationId: null,
    })
    referTo('recordings', row.recording_url, { kind: 'recording', interviewId: id })
    const createdAt = date(row.created_at) ?? new Date().toISOString()
    await writer('Interview').write({
      id,
      recruiterId,
      jobId,
      candidateEmail,
      candidateName: clean(blankToNull(row.candidate_name)),
      candidateNotes: clean(text(row.candidate_notes)),
      candidateUserId,
      jobRole,
      type,
      timeLimitMinutes: int(row.time_limit_minutes) ?? 30,
      questions: textArray(row.questions),
      status,
      expiresAt: date(row.expires_at),
      startedAt: date(row.started_at),
      completedAt: date(row.completed_at),
      score: score !== null && score >= 0 && score <= 100 ? score : null,
      transcriptSummary: clean(text(row.transcript_summary)),
      createdAt,
      updatedAt: date(row.updated_at) ?? createdAt,
    })
    interviews.add(id)
    tables.interviews.mapped += 1
  })

  await each('interview_messages', async (row) => {
    const interviewId = String(row.interview_id)
    if (!interviews.has(interviewId)) throw new Invalid(`interview ${interviewId} was not migrated`)
    const role = blankToNull(row.role)?.toLowerCase()
    if (!role || !MESSAGE_ROLES.has(role))
      throw new Invalid(`role "${String(row.role)}" is not user, assistant or system`)
    const content = clean(text(row.content))
    if (content === null) throw new Invalid('content missing')
    await writer('InterviewMessage').write({
      id: String(row.id),
      interviewId,
      role,
      content,
      createdAt: date(row.created_at) ?? new Date().toISOString(),
    })
    tables.interview_messages.mapped += 1
  })

  // ── Applications, messages, keys, settings, reminders ──
  const applications = new Set<string>()
  const applied = new Set<string>()
  await each('job_applications', async (row) => {
    const id = String(row.id)
    const jobId = String(row.job_id)
    const candidateId = String(row.candidate_id)
    if (!jobs.has(jobId)) throw new Invalid(`job ${jobId} was not migrated`)
    if (!users.has(candidateId)) throw new Invalid(`candidate ${candidateId} was not migrated`)
    if (applied.has(`${jobId}/${candidateId}`))
      throw new Invalid(`candidate ${candidateId} already applied to job ${jobId}`)
    applied.add(`${jobId}/${candidateId}`)
    referTo('interview-documents', row.resume_url, {
      kind: 'resume',
      model: 'JobApplication',
      id,
      userId: candidateId,
      interviewId: null,
      jobApplicationId: id,
    })
    const appliedAt = date(row.applied_at ?? row.created_at) ?? new Date().toISOString()
    await writer('JobApplication').write({
      id,
      jobId,
      candidateId,
      coverLetter: clean(text(row.cover_letter)),
      notes: clean(text(row.notes)),
      status: requireEnum(row.status, APPLICATION_STATUSES, 'status', 'PENDING'),
      reviewedAt: date(row.reviewed_at),
      appliedAt,
      updatedAt: date(row.updated_at) ?? appliedAt,
    })
    applications.add(id)
    tables.job_applications.mapped += 1
  })

  const providerMessageIds = new Set<string>()
  const uniqueProviderId = (channel: string, value: unknown) => {
    const messageId = blankToNull(value)
    if (!messageId) return null
    if (providerMessageIds.has(`${channel}:${messageId}`))
      throw new Invalid(`provider message id ${messageId} appears twice`)
    providerMessageIds.add(`${channel}:${messageId}`)
    return messageId
  }
  await each('email_messages', async (row) => {
    const interviewId = String(row.interview_id)
    if (!interviews.has(interviewId)) throw new Invalid(`interview ${interviewId} was not migrated`)
    const recipientEmail = blankToNull(row.recipient_email)
    if (!recipientEmail) throw new Invalid('recipient_email missing')
    const status = blankToNull(row.status)?.toLowerCase() ?? 'pending'
    if (!EMAIL_STATUSES.has(status)) throw new Invalid(`status "${status}" is not a delivery status`)
    const createdAt = date(row.created_at) ?? new Date().toISOString()
    await writer('EmailMessage').write({
      id: String(row.id),
      interviewId,
      recipientEmail,
      recipientName: clean(blankToNull(row.recipient_name)),
      messageId: uniqueProviderId('email', row.message_id),
      // An old invite is history, never re-sent from the queue: the links step lists whom to invite again.
      status: status === 'pending' ? 'failed' : status,
      sentAt: date(row.sent_at),
      deliveredAt: date(row.delivered_at),
      openedAt: date(row.opened_at),
      bouncedAt: date(row.bounced_at),
      failedAt: date(row.failed_at) ?? (status === 'pending' ? createdAt : null),
      errorMessage:
        clean(text(row.error_message)) ?? (status === 'pending' ? 'not sent before the migration' : null),
      transport: 'brevo',
      createdAt,
      updatedAt: date(row.updated_at) ?? createdAt,
    })
    tables.email_messages.mapped += 1
  })
  await each('whatsapp_messages', async (row) => {
    const interviewId = String(row.interview_id)
    if (!interviews.has(interviewId)) throw new Invalid(`interview ${interviewId} was not migrated`)
    const candidatePhone = blankToNull(row.candidate_phone)
    if (!candidatePhone) throw new Invalid('candidate_phone missing')
    const status = blankToNull(row.status)?.toLowerCase() ?? 'pending'
    if (!WHATSAPP_STATUSES.has(status)) throw new Invalid(`status "${status}" is not a delivery status`)
    const createdAt = date(row.created_at) ?? new Date().toISOString()
    await writer('WhatsAppMessage').write({
      id: String(row.id),
      interviewId,
      candidatePhone,
      messageId: uniqueProviderId('whatsapp', row.message_id),
      status: status === 'pending' ? 'failed' : status,
      sentAt: date(row.sent_at),
      deliveredAt: date(row.delivered_at),
      readAt: date(row.read_at),
      failedAt: date(row.failed_at) ?? (status === 'pending' ? createdAt : null),
      errorMessage:
        clean(text(row.error_message)) ?? (status === 'pending' ? 'not sent before the migration' : null),
      transport: 'whatsapp',
      createdAt,
      updatedAt: date(row.updated_at) ?? createdAt,
    })
    tables.whatsapp_messages.mapped += 1
  })

  const apiKeys = new Set<string>()
  const keyHashes = new Set<string>()
  await each('api_keys', async (row) => {
    const id = String(row.id)
    const userId = String(row.user_id)
    if (!users.has(userId)) throw new Invalid(`user ${userId} was not migrated`)
    const keyHash = blankToNull(row.key_hash)
    if (!keyHash) throw new Invalid('key_hash missing')
    if (keyHashes.has(keyHash)) throw new Invalid('key_hash appears twice')
    keyHashes.add(keyHash)
    await writer('ApiKey').write({
      id,
      userId,
      name: clean(blankToNull(row.name)) ?? 'Imported key',
      keyHash,
      keyPrefix: blankToNull(row.key_prefix) ?? '',
      scopes: textArray(row.scopes),
      status: requireEnum(row.status, API_KEY_STATUSES, 'status', 'ACTIVE'),
      expiresAt: date(row.expires_at),
      revokedAt: date(row.revoked_at),
      rateLimitPerDay: int(row.rate_limit_per_day) ?? 1000,
      requestsToday: int(row.requests_today) ?? 0,
      lastResetAt: date(row.last_reset_at),
      lastRequestAt: date(row.last_request_at ?? row.last_used_at),
      createdAt: date(row.created_at) ?? new Date().toISOString(),
    })
    apiKeys.add(id)
    tables.api_keys.mapped += 1
  })
  await each('api_usage_logs', async (row) => {
    const apiKeyId = String(row.api_key_id)
    if (!apiKeys.has(apiKeyId)) throw new Invalid(`API key ${apiKeyId} was not migrated`)
    await writer('ApiUsageLog').write({
      id: String(row.id),
      apiKeyId,
      endpoint: text(row.endpoint) ?? '',
      method: text(row.method) ?? '',
      statusCode: int(row.status_code),
      responseTimeMs: int(row.response_time_ms),
      ipAddress: blankToNull(row.ip_address),
      createdAt: date(row.created_at) ?? new Date().toISOString(),
    })
    tables.api_usage_logs.mapped += 1
  })
  await each('admin_settings', async (row) => {
    const createdAt = date(row.created_at) ?? new Date().toISOString()
    await writer('AdminSettings').write({
      id: String(row.id),
      secretSignupCode: blankToNull(row.secret_signup_code),
      createdAt,
      updatedAt: date(row.updated_at) ?? createdAt,
    })
    tables.admin_settings.mapped += 1
  })
  await each('onboarding_reminders', async (row) => {
    const userId = String(row.user_id)
    if (!users.has(userId)) throw new Invalid(`user ${userId} was not migrated`)
    const reminderType = blankToNull(row.reminder_type)
    if (!reminderType) throw new Invalid('reminder_type missing')
    await writer('OnboardingReminder').write({
      id: String(row.id),
      userId,
      reminderType,
      tasksPending: textArray(row.tasks_pending),
      sentAt: date(row.sent_at ?? row.created_at) ?? new Date().toISOString(),
    })
    tables.onboarding_reminders.mapped += 1
  })

  // ── Stored objects: each becomes a File (or a recording in Cloud Storage) when a migrated row owns it ──
  const filesProgress = new Progress(
    'transform files',
    await countLines(layout.files),
    process.stderr,
    options.quiet,
  )
  const seenObjects = new Set<string>()
  for await (const object of readNdjson<{ bucket: string; path: string; size: number; sha256: string }>(
    layout.files,
  )) {
    tables.files.read += 1
    filesProgress.tick()
    const full = `${object.bucket}/${object.path}`
    seenObjects.add(full)
    const references = fileReferences.get(full) ?? []
    const fail = (reason: string) => reject('files', full, reason, object)
    if (object.bucket === 'recordings') {
      const owner = references.find((reference) => reference.kind === 'recording')
      if (!owner) {
        await fail('no migrated interview names this recording')
        continue
      }
      const extension = object.path.split('.').pop()?.toLowerCase() ?? ''
      const contentType = RECORDING_TYPES[extension]
      if (!contentType) {
        await fail(
          `recording type .${extension} is not a video type (${Object.keys(RECORDING_TYPES).join(', ')})`,
        )
        continue
      }
      for (const reference of references) {
        if (reference.kind !== 'recording') continue
        await writer('Recording').write({
          interviewId: reference.interviewId,
          key: recordingKey(reference.interviewId, object.path),
          source: { bucket: object.bucket, path: object.path },
          size: object.size,
          sha256: object.sha256,
          contentType,
        })
      }
      tables.files.mapped += 1
      continue
    }
    const placement = placeDocument(object.bucket, object.path, references, { interviews, applications })
    if (typeof placement === 'string') {
      await fail(placement)
      continue
    }
    const limit = FILE_SIZE_LIMITS[placement.category]
    if (object.size > limit) {
      await fail(
        `${object.size} bytes is over the ${placement.category.toLowerCase()} limit of ${limit} bytes`,
      )
      continue
    }
    const detected = detectFileType(await readObject(layout.object(object.bucket, object.path)))
    if (!detected || !(ALLOWED_FILE_TYPES[placement.category] as readonly string[]).includes(detected)) {
      await fail(
        `content is ${detected ? FILE_TYPES[detected].label : 'of no known type'}, not allowed as a ${placement.category.toLowerCase()}`,
      )
      continue
    }
    const fileId = objectUuid(object.bucket, object.path)
    await writer('File').write({
      id: fileId,
      name: object.path.split('/').pop() ?? object.path,
      mimeType: FILE_TYPES[detected].mimeType,
      size: object.size,
      category: placement.category,
      uploadedBy: placement.uploadedBy,
      interviewId: placement.interviewId,
      jobApplicationId: placement.jobApplicationId,
      createdAt: new Date(0).toISOString(),
      source: { bucket: object.bucket, path: object.path, sha256: object.sha256 },
    })
    for (const reference of references) {
      if (reference.kind === 'logo')
        await writer('FileLink').write({
          model: 'RecruiterProfile',
          id: reference.profileId,
          column: 'logoFileId',
          fileId,
        })
      if (reference.kind === 'resume') {
        const column = reference.model === 'Interview' ? 'candidateResumeFileId' : 'resumeFileId'
        await writer('FileLink').write({ model: reference.model, id: reference.id, column, fileId })
      }
    }
    tables.files.mapped += 1
  }
  filesProgress.finish()
  // A row naming an object the buckets do not hold: the reference is cleared, and said so.
  for (const [full, references] of fileReferences) {
    if (seenObjects.has(full)) continue
    for (const reference of references) {
      const [table, id] =
        reference.kind === 'logo'
          ? (['profiles', reference.profileId] as const)
          : reference.kind === 'recording'
            ? (['interviews', reference.interviewId] as const)
            : ([
                {
                  CandidateProfile: 'candidate_profiles',
                  Interview: 'interviews',
                  JobApplication: 'job_applications',
                }[reference.model] as SourceTable,
                reference.id,
              ] as const)
      await repair(table, id, 'file', full, 'the bucket holds no such object')
    }
  }

  for (const open of writers.values()) await open.close()
  await rejects.close()
  await repairs.close()
  const models = Object.fromEntries([...writers].map(([model, open]) => [model, open.count]))
  const result: TransformResult = { tables, models, rejects: rejects.count, repairs: repairs.count }
  if (!options.dryRun) await writeFile(layout.transformReport, `${JSON.stringify(result, null, 2)}\n`)
  return result
}

/** Where a logo or document belongs; a string says why it belongs nowhere. */
function placeDocument(
  bucket: string,
  path: string,
  references: FileReference[],
  known: { interviews: Set<string>; applications: Set<string> },
):
  | {
      category: FileCategoryName
      uploadedBy: string | null
      interviewId: string | null
      jobApplicationId: string | null
    }
  | string {
  if (bucket === 'company-logos') {
    const logo = references.find((reference) => reference.kind === 'logo')
    if (logo?.kind !== 'logo') return 'no migrated recruiter profile uses this logo'
    return { category: 'LOGO', uploadedBy: logo.userId, interviewId: null, jobApplicationId: null }
  }
  if (bucket !== 'interview-documents') return `bucket ${bucket} is not migrated`
  const resume = references.find((reference) => reference.kind === 'resume')
  if (resume && resume.kind === 'resume') {
    return {
      category: 'RESUME',
      uploadedBy: resume.userId,
      interviewId: resume.interviewId,
      jobApplicationId: resume.jobApplicationId,
    }
  }
  // Objects no row names are placed by their folder: interviews/<id>/… or applications/<id>/….
  const [folder, ownerId, ...rest] = path.split('/')
  const isScreenshot = rest.length > 1 && rest[0] === 'screenshots'
  if (folder === 'interviews' && ownerId) {
    if (!known.interviews.has(ownerId)) return `interview ${ownerId} was not migrated`
    return {
      category: isScreenshot ? 'SCREENSHOT' : 'DOCUMENT',
      uploadedBy: null,
      interviewId: ownerId,
      jobApplicationId: null,
    }
  }
  if (folder === 'applications' && ownerId) {
    if (!known.applications.has(ownerId)) return `application ${ownerId} was not migrated`
    return { category: 'DOCUMENT', uploadedBy: null, interviewId: null, jobApplicationId: ownerId }
  }
  return 'no migrated row names this document, and its folder names no interview or application'
}

async function readObject(path: string): Promise<Uint8Array> {
  const handle = await open(path)
  try {
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}

export function describeTransform(result: TransformResult, dryRun: boolean): string {
  return [
    formatSummary(
      dryRun ? 'transform (dry run: written beside the real files as *.dry-run)' : 'transform',
      result.tables,
    ),
    '',
    formatSummary(
      'rows for the new schema',
      Object.fromEntries(Object.entries(result.models).map(([model, rows]) => [model, { rows }])),
    ),
    '',
    `rejects: ${result.rejects} (rejects.ndjson)   repairs: ${result.repairs} (repairs.ndjson)`,
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runCommand(TRANSFORM_COMMAND, async (flags) => {
    const result = await runTransform({ dir: flags.dir ?? './migration', dryRun: flags.dryRun })
    return { output: describeTransform(result, flags.dryRun) }
  })
}
