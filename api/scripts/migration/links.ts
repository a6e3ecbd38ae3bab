// npm run migrate:links — gives every migrated pending interview a candidate link, and lists whom to invite again.
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { csvLine } from '../../src/lib/csv.js'
import {
  buildInterviewUrl,
  DEFAULT_LINK_LIFETIME_MS,
  generateLinkToken,
} from '../../src/services/interview-links.js'
import { type CommandSpec, type FlagSpec, Progress, required, runCommand } from './cli.js'
import { paths } from './layout.js'
import { countLines, inBatches, readNdjson } from './ndjson.js'

export const LINKS_COMMAND = {
  name: 'migrate:links',
  summary:
    'Creates a candidate link (and interviewUrl) for every migrated interview that is still pending and\n' +
    'not past its expiry, unless it already has an active one, and writes reinvites.csv: the candidates\n' +
    'whose invites must be sent again, since the old links stop working at cutover.',
  flags: {
    target: { type: 'string', description: 'the new Postgres database URL', env: 'DATABASE_URL' },
    dir: { type: 'string', description: 'the export folder', env: 'MIGRATION_DIR', default: './migration' },
    'frontend-url': {
      type: 'string',
      description: 'public origin of the app, for the links',
      env: 'FRONTEND_URL',
    },
  },
} as const satisfies CommandSpec<Record<string, FlagSpec>>

export type LinksResult = {
  pending: number
  created: number
  alreadyLinked: number
  expired: number
  reinvites: number
}

type PendingInterview = {
  id: string
  candidateEmail: string
  candidateName: string | null
  jobRole: string
  expiresAt: Date | null
  recruiterEmail: string
  link: { token: string; expiresAt: Date } | null
}

const CSV_HEADER = [
  'interview_id',
  'candidate_email',
  'candidate_name',
  'job_role',
  'recruiter_email',
  'interview_url',
  'link_expires_at',
]

export async function runLinks(options: {
  targetUrl: string
  dir: string
  frontendUrl: string
  dryRun?: boolean
  quiet?: boolean
  now?: Date
}): Promise<LinksResult> {
  const layout = paths(options.dir)
  const now = options.now ?? new Date()
  const client = new pg.Client({ connectionString: options.targetUrl, options: '-c TimeZone=UTC' })
  await client.connect()
  const result: LinksResult = { pending: 0, created: 0, alreadyLinked: 0, expired: 0, reinvites: 0 }
  const csv = options.dryRun ? null : createWriteStream(layout.reinvites, { encoding: 'utf8' })
  csv?.write(csvLine(CSV_HEADER))
  const progress = new Progress(
    'links',
    await countLines(layout.model('Interview')),
    process.stderr,
    options.quiet,
  )
  try {
    for await (const batch of inBatches(readNdjson<{ id: string }>(layout.model('Interview')), 1000)) {
      progress.tick(batch.length)
      const found = await client.query<PendingInterview>(
        `SELECT i.id, i."candidateEmail", i."candidateName", i."jobRole", i."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt",
                u.email AS "recruiterEmail",
                (SELECT json_build_object('token', s.token, 'expiresAt', s."expiresAt" AT TIME ZONE 'UTC') FROM "InterviewSession" s
                  WHERE s."interviewId" = i.id AND s."revokedAt" IS NULL AND s."expiresAt" > $2
                  ORDER BY s."createdAt" DESC LIMIT 1) AS link
           FROM "Interview" i JOIN "User" u ON u.id = i."recruiterId"
          WHERE i.id = ANY($1::text[]) AND i.status = 'PENDING'
          ORDER BY i."createdAt", i.id`,
        [batch.map((row) => row.id), now],
      )
      for (const interview of found.rows) {
        result.pending += 1
        if (interview.expiresAt && interview.expiresAt <= now) {
          result.expired += 1
          continue
        }
        let link = interview.link
          ? { token: interview.link.token, expiresAt: new Date(interview.link.expiresAt) }
          : null
        if (link) result.alreadyLinked += 1
        else {
          const lifetimeEnd = new Date(now.getTime() + DEFAULT_LINK_LIFETIME_MS)
          const expiresAt =
            interview.expiresAt && interview.expiresAt < lifetimeEnd ? interview.expiresAt : lifetimeEnd
          link = { token: generateLinkToken(), expiresAt }
          if (!options.dryRun) {
            await client.query('BEGIN')
            try {
              await client.query(
                `INSERT INTO "InterviewSession" (id, "interviewId", token, "expiresAt") VALUES ($1, $2, $3, $4)`,
                [randomUUID(), interview.id, link.token, expiresAt],
              )
              await client.query(`UPDATE "Interview" SET "interviewUrl" = $1 WHERE id = $2`, [
                buildInterviewUrl(options.frontendUrl, link.token),
                interview.id,
              ])
              await client.query('COMMIT')
            } catch (error) {
              await client.query('ROLLBACK')
              throw error
            }
          }
          result.created += 1
        }
        result.reinvites += 1
        const row = [
          interview.id,
          interview.candidateEmail,
          interview.candidateName ?? '',
          interview.jobRole,
          interview.recruiterEmail,
          buildInterviewUrl(options.frontendUrl, link.token),
          link.expiresAt.toISOString(),
        ]
        if (csv && !csv.write(csvLine(row))) await once(csv, 'drain')
      }
    }
  } finally {
    progress.finish()
    await client.end()
    if (csv) {
      csv.end()
      await once(csv, 'finish')
    }
  }
  return result
}

export function describeLinks(result: LinksResult, dryRun: boolean): string {
  return [
    dryRun ? 'links (dry run: nothing written)' : 'links',
    `pending interviews: ${result.pending} (${result.expired} past their expiry, not linked)`,
    `links created: ${result.created}   already linked: ${result.alreadyLinked}`,
    `candidates to invite again: ${result.reinvites}${dryRun ? '' : ' (reinvites.csv)'}`,
    result.created === 0 ? 'nothing changed' : `${result.created} change(s)`,
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runCommand(LINKS_COMMAND, async (flags) => {
    const result = await runLinks({
      targetUrl: required(flags.target, 'target', 'DATABASE_URL'),
      dir: flags.dir ?? './migration',
      frontendUrl: required(flags.frontendUrl, 'frontend-url', 'FRONTEND_URL'),
      dryRun: flags.dryRun,
    })
    return { output: describeLinks(result, flags.dryRun) }
  })
}
