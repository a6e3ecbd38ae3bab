import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import pg from 'pg'

/**
 * A realistic copy of the old system for rehearsals and tests: its own Postgres database with the
 * old (Supabase) tables, and a folder with one sub-folder per storage bucket. It holds what real data
 * holds — admins, recruiters and candidates, a user without an email, two accounts sharing one email,
 * rows whose owner is gone, text in many scripts, logos, résumés, screenshots and recordings — and
 * says which rows the migration must reject, so a test can hold it to exactly that list.
 */

export const LEGACY_SCHEMA = `
CREATE TABLE users (id uuid PRIMARY KEY, email text, encrypted_password text, raw_user_meta_data jsonb,
  banned_until timestamptz, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz);
CREATE TABLE profiles (id uuid PRIMARY KEY, email text, full_name text, avatar_url text, company_name text,
  logo_url text, brand_color text, email_intro text, email_tips text, email_cta_text text,
  subscription_status text DEFAULT 'free', created_at timestamptz DEFAULT now(), updated_at timestamptz);
CREATE TABLE candidate_profiles (id uuid PRIMARY KEY, user_id uuid, full_name text, email text, phone text, bio text,
  skills text[], experience_years int, resume_url text, linkedin_url text, portfolio_url text,
  created_at timestamptz DEFAULT now(), updated_at timestamptz);
CREATE TABLE user_roles (id uuid PRIMARY KEY, user_id uuid, role text, created_at timestamptz DEFAULT now());
CREATE TABLE jobs (id uuid PRIMARY KEY, recruiter_id uuid, title text, description text, requirements text,
  department text, location text, job_type text, salary_range text, status text, approval_status text,
  approved_at timestamptz, approved_by uuid, rejection_reason text, created_at timestamptz DEFAULT now(), updated_at timestamptz);
CREATE TABLE interviews (id uuid PRIMARY KEY, recruiter_id uuid, job_id uuid, candidate_email text, candidate_name text,
  candidate_notes text, candidate_resume_url text, candidate_user_id uuid, job_role text, type text,
  time_limit_minutes int, status text, interview_url text, expires_at timestamptz, started_at timestamptz,
  completed_at timestamptz, score int, transcript_summary text, recording_url text,
  created_at timestamptz DEFAULT now(), updated_at timestamptz);
CREATE TABLE interview_messages (id uuid PRIMARY KEY, interview_id uuid, role text, content text, created_at timestamptz DEFAULT now());
CREATE TABLE job_applications (id uuid PRIMARY KEY, job_id uuid, candidate_id uuid, cover_letter text, resume_url text,
  notes text, status text, reviewed_at timestamptz, applied_at timestamptz DEFAULT now(), updated_at timestamptz);
CREATE TABLE email_messages (id uuid PRIMARY KEY, interview_id uuid, recipient_email text, recipient_name text, message_id text,
  status text, sent_at timestamptz, delivered_at timestamptz, opened_at timestamptz, bounced_at timestamptz,
  error_message text, created_at timestamptz DEFAULT now(), updated_at timestamptz);
CREATE TABLE whatsapp_messages (id uuid PRIMARY KEY, interview_id uuid, candidate_phone text, message_id text, status text,
  sent_at timestamptz, delivered_at timestamptz, read_at timestamptz, failed_at timestamptz, error_message text,
  created_at timestamptz DEFAULT now(), updated_at timestamptz);
CREATE TABLE api_keys (id uuid PRIMARY KEY, user_id uuid, name text, key_hash text, key_prefix text, scopes text[],
  status text, expires_at timestamptz, revoked_at timestamptz, rate_limit_per_day int, requests_today int,
  last_reset_at timestamptz, last_used_at timestamptz, created_at timestamptz DEFAULT now());
CREATE TABLE api_usage_logs (id uuid PRIMARY KEY, api_key_id uuid, endpoint text, method text, status_code int,
  response_time_ms int, ip_address text, created_at timestamptz DEFAULT now());
CREATE TABLE admin_settings (id uuid PRIMARY KEY, secret_signup_code text, created_at timestamptz DEFAULT now(), updated_at timestamptz);
CREATE TABLE onboarding_reminders (id uuid PRIMARY KEY, user_id uuid, reminder_type text, tasks_pending text[], sent_at timestamptz DEFAULT now());
`

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
const WEBM = Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d', 'hex')
const pdf = (label: string) =>
  Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)
const png = (label: string) => Buffer.concat([PNG, Buffer.from(label)])
const webm = (label: string, size: number) => Buffer.concat([WEBM, Buffer.alloc(size, label)])

const NAMES = [
  'Zoë Ångström',
  'José Núñez',
  '李小龙',
  'Ἀλέξανδρος',
  'Олег Петров',
  'Aïcha Benali',
  'Søren Kierkegård',
  'محمد علي',
  'Dvořák Antonín',
  'Łucja Wójcik',
]
const COMPANIES = [
  'Société Générale Ü',
  '株式会社テスト',
  'Café Müller GmbH',
  'Ørsted Energi',
  'Ñandú Labs',
  'Złote Pióro',
]
const JOB_TYPES = ['Full time', 'full-time', 'Part Time', 'Freelance', 'internship', '', 'Seasonal']

export type RejectKey = { table: string; id: string }

export type LegacyFixture = {
  /** What the migration must reject, and nothing else. */
  expectedRejects: RejectKey[]
  rows: number
  files: number
  /** A recruiter with a logo, jobs, interviews (transcripts, scores, a recording), applications and an API key. */
  recruiter: {
    id: string
    email: string
    logo: Buffer
    interviews: number
    completedInterviewId: string
    completedMessages: string[]
    jobs: number
    apiKeys: number
  }
  /** A candidate with a profile résumé and applications. */
  candidate: { id: string; email: string; applications: number; resume: Buffer }
  /** Interviews still pending and not expired: the links step must link each. */
  pendingInterviews: number
}

type Rows = Record<string, Record<string, unknown>[]>

/**
 * Writes the old database (`sourceUrl`, which must exist and be empty) and the buckets folder.
 * `extraMessages` adds that many interview messages (for load measurements) across completed interviews.
 */
export async function buildLegacyFixture(options: {
  sourceUrl: string
  bucketsDir: string
  extraMessages?: number
  now?: Date
}): Promise<LegacyFixture> {
  const now = options.now ?? new Date()
  const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString()
  const rows: Rows = {}
  const add = (table: string, row: Record<string, unknown>) => {
    const id = (row.id as string | undefined) ?? randomUUID()
    const list = rows[table] ?? []
    rows[table] = list
    list.push({ id, ...row })
    return id
  }
  const expectedRejects: RejectKey[] = []
  const rejectRow = (table: string, row: Record<string, unknown>) => {
    const id = add(table, row)
    expectedRejects.push({ table, id })
    return id
  }
  const files: { bucket: string; path: string; data: Buffer }[] = []
  const store = (bucket: string, path: string, data: Buffer) => {
    files.push({ bucket, path, data })
    return path
  }
  const rejectFile = (bucket: string, path: string, data: Buffer) => {
    store(bucket, path, data)
    expectedRejects.push({ table: 'files', id: `${bucket}/${path}` })
  }
  const role = (userId: string, name: string) =>
    add('user_roles', { user_id: userId, role: name, created_at: at(-400) })

  // ── People ──
  const admin = add('users', { email: 'Admin@OldVantaHire.example', created_at: at(-500) })
  role(admin, 'admin')
  role(admin, 'recruiter')
  add('profiles', {
    id: admin,
    full_name: 'Ada Admin',
    company_name: 'VantaHire',
    subscription_status: 'enterprise',
    created_at: at(-500),
  })

  const recruiters: string[] = []
  for (let index = 0; index < 6; index++) {
    const id = add('users', {
      email: `recruiter${index}@company${index}.example`,
      raw_user_meta_data: { full_name: NAMES[index] },
      created_at: at(-300 + index),
    })
    recruiters.push(id)
    if (index !== 5) role(id, 'recruiter') // the last has no role row: the old default, a recruiter
    const logo =
      index < 3
        ? store('company-logos', `${id}/logo.png`, png(`logo-${index}`))
        : index === 3
          ? `${id}/missing.png`
          : index === 4
            ? `${id}/logo.svg`
            : null
    if (index === 4) rejectFile('company-logos', `${id}/logo.svg`, SVG)
    add('profiles', {
      id,
      full_name: NAMES[index],
      company_name: COMPANIES[index],
      logo_url: logo,
      brand_color: '#1a73e8',
      email_intro: `Grüße von ${COMPANIES[index]} — we'd love to talk.`,
      subscription_status: index % 2 === 0 ? 'paid' : 'free',
      created_at: at(-300 + index),
    })
  }
  // An account with no email, and a later account reusing recruiter 0's email in other letters.
  const noEmail = rejectRow('users', { email: null, created_at: at(-200) })
  expectedRejects.push({ table: 'user_roles', id: role(noEmail, 'candidate') })
  rejectRow('profiles', { id: noEmail, full_name: 'Nobody' })
  const duplicate = rejectRow('users', { email: ' RECRUITER0@company0.example ', created_at: at(-100) })
  expectedRejects.push({ table: 'user_roles', id: role(duplicate, 'recruiter') })
  rejectRow('profiles', { id: duplicate, full_name: 'Second account', company_name: 'Dup Inc' })

  const candidates: string[] = []
  for (let index = 0; index < 20; index++) {
    const id = add('users', { email: `candidate${index}@mail.example`, created_at: at(-250 + index) })
    candidates.push(id)
    role(id, 'candidate')
    add('profiles', { id, full_name: NAMES[index % NAMES.length] })
    if (index < 15) {
      const resume =
        index < 10
          ? store(
              'interview-documents',
              `candidates/${id}/resume.pdf`,
              pdf(`cv ${NAMES[index % NAMES.length]}`),
            )
          : null
      add('candidate_profiles', {
        user_id: id,
        full_name: NAMES[index % NAMES.length],
        email: `candidate${index}@mail.example`,
        phone: `+4479460${String(index).padStart(5, '0')}`,
        bio: 'Développeuse passionnée — 10 ans d’expérience. 日本語も話せます。',
        skills: ['TypeScript', 'Postgres', 'Ελληνικά'],
        experience_years: index % 12,
        resume_url: resume,
        created_at: at(-240 + index),
      })
    }
  }
  const ghost = randomUUID() // an account deleted long ago; some rows still name it

  // ── Jobs ──
  const jobs: string[] = []
  recruiters.forEach((recruiterId, index) => {
    for (let number = 0; number < 3; number++) {
      jobs.push(
        add('jobs', {
          recruiter_id: recruiterId,
          title: `${['Ingénieur logiciel', 'Data Scientist (München)', 'プロダクトマネージャー'][number]} #${index}`,
          description: 'Build things people love. Señor developers welcome.',
          requirements: '5+ years; 🚀 mindset',
          location: ['Zürich', 'São Paulo', 'Remote'][number],
          job_type: JOB_TYPES[(index + number) % JOB_TYPES.length],
          status: ['active', 'draft', 'closed'][number],
          approval_status: ['approved', 'pending', 'rejected'][number],
          approved_by: number === 0 ? (index === 2 ? ghost : admin) : null,
          approved_at: number === 0 ? at(-50) : null,
          created_at: at(-200 + index),
        }),
      )
    }
  })
  rejectRow('jobs', {
    recruiter_id: ghost,
    title: 'Orphaned job',
    status: 'active',
    approval_status: 'approved',
  })
  rejectRow('jobs', {
    recruiter_id: recruiters[1],
    title: 'Odd job',
    status: 'archived',
    approval_status: 'approved',
  })

  // ── Interviews, transcripts, recordings ──
  const completed: string[] = []
  let pendingInterviews = 0
  let recruiter0Completed = ''
  let recruiter0Messages: string[] = []
  const transcript = (interviewId: string, count: number, label: string) => {
    const contents: string[] = []
    for (let turn = 0; turn < count; turn++) {
      const content =
        turn % 2 === 0
          ? `Question ${turn / 2 + 1}: parlez-moi de vous (${label}).`
          : `Ich heiße ${label} — 你好, I led a team of ${turn} 🚀`
      contents.push(content)
      add('interview_messages', {
        interview_id: interviewId,
        role: turn % 2 === 0 ? 'assistant' : 'user',
        content,
        created_at: new Date(now.getTime() - 86_400_000 + turn * 1000).toISOString(),
      })
    }
    return contents
  }
  recruiters.forEach((recruiterId, index) => {
    for (let number = 0; number < 5; number++) {
      const candidateIndex = (index * 5 + number) % candidates.length
      const status = [
        'pending',
        'pending',
        'completed',
        'completed',
        number === 4 && index % 2 === 0 ? 'in_progress' : 'expired',
      ][number] as string
      const isPendingExpired = status === 'pending' && number === 1 && index === 5
      const id = randomUUID()
      const recording =
        status === 'completed' && number === 2
          ? store('recordings', `${id}.webm`, webm(`rec-${index}`, 2048 + index))
          : null
      const resume =
        number === 3
          ? store('interview-documents', `interviews/${id}/resume.pdf`, pdf(`interview cv ${index}`))
          : null
      add('interviews', {
        id,
        recruiter_id: recruiterId,
        job_id: number === 4 ? randomUUID() : jobs[index * 3],
        candidate_email: `candidate${candidateIndex}@mail.example`,
        candidate_name: NAMES[candidateIndex % NAMES.length],
        candidate_user_id: candidates[candidateIndex],
        candidate_resume_url: resume,
        job_role: `Rôle ${number} — ${COMPANIES[index]}`,
        type: number === 3 ? 'voice' : 'text',
        time_limit_minutes: 30,
        status,
        interview_url: `https://old.example/interview/${id}`,
        expires_at: status === 'pending' ? at(isPendingExpired ? -1 : 5) : at(-10),
        started_at: status === 'pending' ? null : at(-20),
        completed_at: status === 'completed' ? at(-19) : null,
        score: status === 'completed' ? 60 + number * 5 : null,
        transcript_summary:
          status === 'completed' ? `Strong candidate — très bien. Score ${60 + number * 5}.` : null,
        recording_url: recording,
        created_at: at(-30 + number),
      })
      if (status === 'pending' && !isPendingExpired) pendingInterviews += 1
      if (status === 'completed') completed.push(id)
      const messages =
        status === 'pending' ? [] : transcript(id, 6, NAMES[candidateIndex % NAMES.length] as string)
      if (index === 0 && number === 2) {
        recruiter0Completed = id
        recruiter0Messages = messages
      }
      add('email_messages', {
        interview_id: id,
        recipient_email: `candidate${candidateIndex}@mail.example`,
        message_id: `<brevo-${id}@smtp>`,
        status: status === 'pending' ? 'delivered' : 'opened',
        sent_at: at(-30),
        created_at: at(-30),
      })
      if (number === 0)
        add('whatsapp_messages', {
          interview_id: id,
          candidate_phone: '+447946000001',
          message_id: `wamid.${id}`,
          status: 'read',
          sent_at: at(-30),
          created_at: at(-30),
        })
      if (number === 2)
        store('interview-documents', `interviews/${id}/screenshots/tab-switch.png`, png(`shot-${index}`))
    }
  })
  const orphanInterview = rejectRow('interviews', {
    recruiter_id: ghost,
    candidate_email: 'x@mail.example',
    job_role: 'Ghost role',
    status: 'completed',
  })
  for (const message of [0, 1])
    expectedRejects.push({
      table: 'interview_messages',
      id: add('interview_messages', {
        interview_id: orphanInterview,
        role: 'user',
        content: `orphan ${message}`,
      }),
    })
  const noCandidate = rejectRow('interviews', {
    recruiter_id: recruiters[2],
    candidate_email: null,
    job_role: 'No candidate',
    status: 'pending',
  })
  expectedRejects.push({
    table: 'email_messages',
    id: add('email_messages', {
      interview_id: noCandidate,
      recipient_email: 'lost@mail.example',
      status: 'sent',
    }),
  })
  rejectRow('interview_messages', { interview_id: randomUUID(), role: 'user', content: 'names no interview' })
  rejectRow('interview_messages', {
    interview_id: completed[0],
    role: 'bot',
    content: 'a role the new system has no name for',
  })
  rejectFile('recordings', `${randomUUID()}.webm`, webm('stray', 512))
  rejectFile('recordings', `${completed[1]}.mov`, webm('mov', 256))
  // Interview documents of an interview the migration rejects, and a file nothing names.
  rejectFile('interview-documents', `interviews/${orphanInterview}/notes.pdf`, pdf('orphan notes'))
  rejectFile('interview-documents', 'misc/readme.txt', Buffer.from('stray notes'))

  const extra = options.extraMessages ?? 0
  for (let number = 0; number < extra; number++) {
    add('interview_messages', {
      interview_id: completed[number % completed.length],
      role: number % 2 === 0 ? 'assistant' : 'user',
      content: `Réponse ${number}: I would shard the table by tenant — 例えば, this way. `.repeat(3),
      created_at: new Date(now.getTime() - 3_600_000 + number).toISOString(),
    })
  }

  // ── Applications ──
  let candidate0Applications = 0
  for (let number = 0; number < 40; number++) {
    const jobId = jobs[number % jobs.length] as string
    const candidateId = candidates[number % candidates.length] as string
    const id = randomUUID()
    const resume =
      number % 4 === 0
        ? store('interview-documents', `applications/${id}/cv.pdf`, pdf(`application ${number}`))
        : null
    add('job_applications', {
      id,
      job_id: jobId,
      candidate_id: candidateId,
      cover_letter: `Sehr geehrte Damen und Herren — candidature n°${number}`,
      resume_url: resume,
      status: ['pending', 'reviewed', 'shortlisted', 'rejected', 'hired'][number % 5],
      applied_at: at(-40 + number),
    })
    if (number % candidates.length === 0) candidate0Applications += 1
  }
  // The second application of one candidate to one job: the first exported (lowest id) is kept.
  rejectRow('job_applications', {
    id: `ffffffff-ffff-4fff-bfff-${randomUUID().slice(-12)}`,
    job_id: jobs[0],
    candidate_id: candidates[0],
    cover_letter: 'applied twice',
    status: 'pending',
    applied_at: at(-1),
  })
  const ghostApplication = rejectRow('job_applications', {
    job_id: jobs[1],
    candidate_id: ghost,
    status: 'pending',
  })
  rejectFile('interview-documents', `applications/${ghostApplication}/cv.pdf`, pdf('ghost application'))

  // ── Keys, usage, settings, reminders ──
  recruiters.forEach((recruiterId, index) => {
    const key = add('api_keys', {
      user_id: recruiterId,
      name: `Intégration ${index}`,
      key_hash: `${index}`.padStart(64, 'a'),
      key_prefix: `vh_old${index}`,
      scopes: ['interviews:read', 'results:read'],
      status: index === 1 ? 'revoked' : 'active',
      rate_limit_per_day: 1000,
      requests_today: 3,
      created_at: at(-90),
    })
    for (let call = 0; call < 5; call++)
      add('api_usage_logs', {
        api_key_id: key,
        endpoint: '/api/interviews',
        method: 'GET',
        status_code: 200,
        response_time_ms: 40 + call,
        ip_address: '203.0.113.7',
        created_at: at(-call),
      })
    add('onboarding_reminders', {
      user_id: recruiterId,
      reminder_type: 'profile_incomplete',
      tasks_pending: ['logo', 'first_job'],
      sent_at: at(-60),
    })
  })
  rejectRow('api_usage_logs', {
    api_key_id: randomUUID(),
    endpoint: '/api/jobs',
    method: 'GET',
    status_code: 200,
  })
  rejectRow('onboarding_reminders', {
    user_id: ghost,
    reminder_type: 'profile_incomplete',
    tasks_pending: [],
  })
  add('admin_settings', { secret_signup_code: 'Ünïcödé-42', created_at: at(-500) })

  // ── Write it all ──
  const client = new pg.Client({ connectionString: options.sourceUrl })
  await client.connect()
  try {
    await client.query(LEGACY_SCHEMA)
    for (const [table, list] of Object.entries(rows)) {
      for (let start = 0; start < list.length; start += 2000) {
        await client.query(
          `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`,
          [JSON.stringify(list.slice(start, start + 2000))],
        )
      }
    }
  } finally {
    await client.end()
  }
  for (const file of files) {
    const path = join(options.bucketsDir, file.bucket, ...file.path.split('/'))
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, file.data)
  }

  const recruiter0 = recruiters[0] as string
  const logo = files.find((file) => file.path === `${recruiter0}/logo.png`)?.data as Buffer
  const candidate0 = candidates[0] as string
  return {
    expectedRejects,
    rows: Object.values(rows).reduce((sum, list) => sum + list.length, 0),
    files: files.length,
    recruiter: {
      id: recruiter0,
      email: 'recruiter0@company0.example',
      logo,
      interviews: 5,
      completedInterviewId: recruiter0Completed,
      completedMessages: recruiter0Messages,
      jobs: 3,
      apiKeys: 1,
    },
    candidate: {
      id: candidate0,
      email: 'candidate0@mail.example',
      applications: candidate0Applications,
      resume: files.find((file) => file.path === `candidates/${candidate0}/resume.pdf`)?.data as Buffer,
    },
    pendingInterviews,
  }
}
