import { createHash } from 'node:crypto'
import { join } from 'node:path'

/**
 * The old system's tables and buckets, and where each step keeps its files in the export folder:
 *
 *   <dir>/tables/<table>.ndjson         export: one source row per line, as the old database had it
 *   <dir>/buckets/<bucket>/<path>       export: every stored object, byte for byte
 *   <dir>/files.ndjson                  export: { bucket, path, size, sha256 } per object
 *   <dir>/export.json                   export: when, from where, rows per table
 *   <dir>/transformed/<Model>.ndjson    transform: rows in the new schema, ids kept
 *   <dir>/rejects.ndjson                transform: { table, id, reason, row } for rows that cannot be mapped
 *   <dir>/repairs.ndjson                transform: an optional reference that named nothing, cleared
 *   <dir>/transform.json                transform: per table, rows read, mapped, merged and rejected
 *   <dir>/reinvites.csv                 links: the candidates whose invites must be sent again
 */

export const SOURCE_TABLES = [
  'users',
  'profiles',
  'candidate_profiles',
  'user_roles',
  'jobs',
  'interviews',
  'interview_messages',
  'job_applications',
  'email_messages',
  'whatsapp_messages',
  'api_keys',
  'api_usage_logs',
  'admin_settings',
  'onboarding_reminders',
] as const
export type SourceTable = (typeof SOURCE_TABLES)[number]

export const SOURCE_BUCKETS = ['company-logos', 'interview-documents', 'recordings'] as const
export type SourceBucket = (typeof SOURCE_BUCKETS)[number]

/** Target models in the order they load: each after everything it refers to. */
export const LOAD_ORDER = [
  'User',
  'AdminSettings',
  'RecruiterProfile',
  'CandidateProfile',
  'Job',
  'Interview',
  'InterviewMessage',
  'JobApplication',
  'EmailMessage',
  'WhatsAppMessage',
  'ApiKey',
  'ApiUsageLog',
  'OnboardingReminder',
  'File',
] as const
export type TargetModel = (typeof LOAD_ORDER)[number]

export const paths = (dir: string) => ({
  table: (table: SourceTable) => join(dir, 'tables', `${table}.ndjson`),
  tablesDir: join(dir, 'tables'),
  bucketsDir: join(dir, 'buckets'),
  object: (bucket: string, path: string) => join(dir, 'buckets', bucket, ...path.split('/')),
  files: join(dir, 'files.ndjson'),
  exportReport: join(dir, 'export.json'),
  transformedDir: join(dir, 'transformed'),
  model: (model: TargetModel | 'FileLink' | 'Recording') => join(dir, 'transformed', `${model}.ndjson`),
  rejects: join(dir, 'rejects.ndjson'),
  repairs: join(dir, 'repairs.ndjson'),
  transformReport: join(dir, 'transform.json'),
  reinvites: join(dir, 'reinvites.csv'),
})

/** A stable uuid for an imported object, so every run gives the same `File.id` to the same object. */
export function objectUuid(bucket: string, path: string): string {
  const hex = createHash('sha256').update(`vantahire-migration:${bucket}/${path}`).digest('hex')
  // RFC 9562 version 8 (custom) with the variant bits set.
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The Cloud Storage key a migrated recording is kept under (the same folder new recordings use). */
export function recordingKey(interviewId: string, path: string): string {
  const name = path.split('/').pop() ?? 'recording'
  return `recordings/${interviewId}/legacy-${name.replace(/[^A-Za-z0-9._-]/g, '_')}`
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}
