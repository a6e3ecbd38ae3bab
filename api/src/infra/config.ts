import { z } from 'zod'

/**
 * The one place that reads the environment. Every other module receives a parsed `Config`.
 * Local defaults let `npm run dev` start with nothing set; production gets no defaults for
 * connections and refuses development secrets.
 */

const DEVELOPMENT_APP_SECRET = 'development-only-secret-do-not-use-in-production'

const LOCAL_DEFAULTS = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/vantahire',
  REDIS_URL: 'redis://127.0.0.1:6379',
  APP_SECRET: DEVELOPMENT_APP_SECRET,
} as const

const urlWithProtocols = (protocols: string[], example: string) =>
  z
    .string({ error: `is required (for example ${example})` })
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol)
        } catch {
          return false
        }
      },
      {
        message: `must be a ${protocols.map((protocol) => `${protocol}//`).join(' or ')} URL, for example ${example}`,
      },
    )

const httpOrigin = (example: string) =>
  urlWithProtocols(['http:', 'https:'], example).transform((value) => new URL(value).origin)

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1')

const optionalSecret = z.string().trim().min(1).optional()

// A service account key as Google downloads it (JSON), or that JSON in base64 for hosts whose
// variables cannot hold newlines. Only what local V4 signing and token exchange need is kept.
const ServiceAccountSchema = z.object({
  client_email: z.email({ error: 'must hold client_email, the service account’s address' }),
  private_key: z
    .string({ error: 'must hold private_key, a PEM private key' })
    .refine((value) => value.includes('PRIVATE KEY'), { error: 'must hold private_key, a PEM private key' }),
  project_id: z.string().optional(),
})

const serviceAccountJson = z
  .string()
  .trim()
  .min(1)
  .transform((value, ctx) => {
    const text = value.startsWith('{') ? value : Buffer.from(value, 'base64').toString('utf8')
    try {
      return JSON.parse(text) as unknown
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a service account key (JSON, or JSON in base64)' })
      return z.NEVER
    }
  })
  .pipe(ServiceAccountSchema)
  .optional()

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production'], {
      error: 'must be development, test or production',
    }),
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int({ error: 'must be a port number' })
      .min(0, { error: 'must be between 0 and 65535' })
      .max(65535, { error: 'must be between 0 and 65535' }),
    HOST: z.string().trim().min(1),
    API_URL: httpOrigin('http://localhost:3000'),
    FRONTEND_URL: httpOrigin('http://localhost:5173'),
    CORS_ORIGINS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(httpOrigin('https://app.example.com'))),
    DATABASE_URL: urlWithProtocols(
      ['postgres:', 'postgresql:'],
      'postgresql://user:password@host:5432/vantahire',
    ),
    DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200),
    REDIS_URL: urlWithProtocols(['redis:', 'rediss:'], 'redis://host:6379'),
    REDIS_KEY_PREFIX: z.string().trim().min(1).max(64),
    // A Redis that stops answering (a stalled host keeps the connection open) fails requests after
    // this long, as an outage, instead of holding them.
    REDIS_COMMAND_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int()
      .min(50)
      .max(60_000),
    APP_SECRET: z.string().min(32, { error: 'must be at least 32 characters (use `openssl rand -hex 32`)' }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    }),
    SPA_DIST_DIR: z.string().trim().optional(),
    SHUTDOWN_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int()
      .min(0)
      .max(600_000),
    // What each account may keep in uploaded files (Postgres holds them); admins have no limit.
    FILE_QUOTA_RECRUITER_MB: z.coerce.number({ error: 'must be a number of megabytes' }).int().min(1),
    FILE_QUOTA_CANDIDATE_MB: z.coerce.number({ error: 'must be a number of megabytes' }).int().min(1),
    // Behind Railway's (or any) proxy the client address is the last X-Forwarded-For hop.
    TRUST_PROXY: booleanFlag,
    // Passwordless sign-in by email for trying the product locally; refused in production.
    AUTH_DEV_LOGIN: booleanFlag,
    GOOGLE_CLIENT_ID: optionalSecret,
    GOOGLE_CLIENT_SECRET: optionalSecret,
    GOOGLE_ISSUER: z.url({ error: 'must be a URL, for example https://accounts.google.com' }),
    LINKEDIN_CLIENT_ID: optionalSecret,
    LINKEDIN_CLIENT_SECRET: optionalSecret,
    LINKEDIN_ISSUER: z.url({ error: 'must be a URL, for example https://www.linkedin.com/oauth' }),
    // Without a key, text interviews ask the recruiter's questions in order and scoring waits.
    GROQ_API_KEY: optionalSecret,
    // Any OpenAI-compatible chat-completions server (a local one too) can stand in for Groq.
    LLM_BASE_URL: urlWithProtocols(['http:', 'https:'], 'https://api.groq.com/openai/v1').transform((value) =>
      value.replace(/\/+$/, ''),
    ),
    LLM_MODEL: z.string().trim().min(1),
    LLM_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int()
      .min(100)
      .max(600_000),
    LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int()
      .min(100)
      .max(600_000),
    LLM_MAX_RETRIES: z.coerce.number({ error: 'must be a whole number' }).int().min(0).max(10),
    // Estimated tokens the interviewer may send per turn; older turns are shortened to stay under it.
    INTERVIEWER_TOKEN_BUDGET: z.coerce
      .number({ error: 'must be a whole number' })
      .int()
      .min(500)
      .max(200_000),
    // How long a reply keeps generating with nobody listening (a reload takes a moment to reconnect).
    INTERVIEW_REPLY_GRACE_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int()
      .min(0)
      .max(600_000),
    // Whether this instance schedules the background jobs (each tick still runs on one instance only).
    CRON_ENABLED: booleanFlag,
    // Voice interviews: Deepgram hears the candidate (and can speak); Cartesia can speak. Without
    // DEEPGRAM_API_KEY voice interviews say that voice is not configured.
    DEEPGRAM_API_KEY: optionalSecret,
    DEEPGRAM_BASE_URL: httpOrigin('https://api.deepgram.com'),
    DEEPGRAM_STT_MODEL: z.string().trim().min(1),
    DEEPGRAM_TTS_VOICE: z.string().trim().min(1),
    CARTESIA_API_KEY: optionalSecret,
    CARTESIA_BASE_URL: httpOrigin('https://api.cartesia.ai'),
    CARTESIA_MODEL: z.string().trim().min(1),
    CARTESIA_VOICE_ID: z.string().trim().min(1),
    // Which provider speaks first; the other, when its key is set, takes over if it fails.
    VOICE_TTS_PROVIDER: z.enum(['deepgram', 'cartesia'], { error: 'must be deepgram or cartesia' }),
    VOICE_TTS_LOW_LATENCY: booleanFlag,
    // Voice: multiplies the turn-taking waits after the candidate stops speaking (tests shorten them).
    VOICE_TURN_DELAY_SCALE: z.coerce.number({ error: 'must be a number' }).min(0.01).max(10),
    // Deepgram closes a stream that hears nothing for 10 s; a KeepAlive this often holds it open.
    VOICE_STT_KEEPALIVE_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int()
      .min(100)
      .max(9_000),
    // Email invites through Brevo; without a key they go to the local outbox instead.
    BREVO_API_KEY: optionalSecret,
    BREVO_BASE_URL: urlWithProtocols(['http:', 'https:'], 'https://api.brevo.com').transform((value) =>
      value.replace(/\/+$/, ''),
    ),
    BREVO_SENDER_EMAIL: z.email({ error: 'must be an email address, for example noreply@vantahire.com' }),
    BREVO_SENDER_NAME: z.string().trim().min(1).max(70, { error: 'must be at most 70 characters' }),
    // Brevo signs nothing: its webhook is registered with `auth: { type: "bearer", token }` and sends it back.
    BREVO_WEBHOOK_TOKEN: z.string().trim().min(16, { error: 'must be at least 16 characters' }).optional(),
    // WhatsApp Cloud API invites; without a token they go to the local outbox instead.
    WHATSAPP_API_KEY: optionalSecret,
    WHATSAPP_PHONE_ID: z
      .string()
      .trim()
      .regex(/^\d+$/, { error: 'must be the phone number id (digits) from the WhatsApp manager' })
      .optional(),
    WHATSAPP_BASE_URL: urlWithProtocols(['http:', 'https:'], 'https://graph.facebook.com').transform(
      (value) => value.replace(/\/+$/, ''),
    ),
    WHATSAPP_GRAPH_VERSION: z
      .string()
      .trim()
      .regex(/^v\d+\.\d+$/, { error: 'must be a Graph API version, for example v26.0' }),
    WHATSAPP_TEMPLATE_NAME: z.string().trim().min(1).max(512),
    WHATSAPP_TEMPLATE_LANGUAGE: z.string().trim().min(2).max(15),
    // Signs the webhook bodies (X-Hub-Signature-256), and answers the subscription handshake.
    WHATSAPP_APP_SECRET: optionalSecret,
    WHATSAPP_VERIFY_TOKEN: optionalSecret,
    // One provider call's time limit; the send queue retries a failed send with doubling delays.
    INVITE_SEND_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int()
      .min(100)
      .max(120_000),
    INVITE_SEND_MAX_ATTEMPTS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(20),
    INVITE_RETRY_BASE_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int()
      .min(1)
      .max(3600),
    // Interview recordings in Cloud Storage; without GCS_CREDENTIALS recording is off and the pages say so.
    GCS_PROJECT_ID: z.string().trim().min(1).optional(),
    GCS_BUCKET_NAME: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/, { error: 'must be a Cloud Storage bucket name' }),
    GCS_CREDENTIALS: serviceAccountJson,
    // Another Cloud Storage endpoint (an emulator); signed URLs point there too. Empty means Google's.
    GCS_API_ENDPOINT: httpOrigin('https://storage.googleapis.com').optional(),
  })
  .superRefine((config, ctx) => {
    for (const provider of ['GOOGLE', 'LINKEDIN'] as const) {
      if (Boolean(config[`${provider}_CLIENT_ID`]) !== Boolean(config[`${provider}_CLIENT_SECRET`])) {
        ctx.addIssue({
          code: 'custom',
          path: [`${provider}_CLIENT_SECRET`],
          message: `and ${provider}_CLIENT_ID must be set together (or both left empty to hide that sign-in button)`,
        })
      }
    }
    if (Boolean(config.WHATSAPP_API_KEY) !== Boolean(config.WHATSAPP_PHONE_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: ['WHATSAPP_PHONE_ID'],
        message:
          'and WHATSAPP_API_KEY must be set together (or both left empty to keep WhatsApp in the outbox)',
      })
    }
    if (config.NODE_ENV !== 'production') return
    if (config.AUTH_DEV_LOGIN) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_DEV_LOGIN'], message: 'must be false in production' })
    }
    if (config.APP_SECRET === DEVELOPMENT_APP_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['APP_SECRET'],
        message: 'is the development secret; set a random value of at least 32 characters in production',
      })
    }
  })

/** Every variable the API reads; `.env.example` documents each one (a test holds that line). */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape)

export type Config = z.infer<typeof ConfigSchema> & {
  /** Origins allowed to call the API with credentials and to open sockets: FRONTEND_URL, API_URL, CORS_ORIGINS. */
  allowedOrigins: string[]
  isProduction: boolean
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

type Environment = Record<string, string | undefined>

/** Parses the environment (defaults to `process.env`); throws a `ConfigError` naming every bad variable. */
export function loadConfig(env: Environment = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development'
  const isProduction = nodeEnv === 'production'
  const withDefaults: Environment = {
    NODE_ENV: nodeEnv,
    PORT: '3000',
    HOST: '0.0.0.0',
    API_URL: 'http://localhost:3000',
    FRONTEND_URL: 'http://localhost:5173',
    CORS_ORIGINS: '',
    DATABASE_POOL_SIZE: '10',
    REDIS_KEY_PREFIX: 'vh:',
    REDIS_COMMAND_TIMEOUT_MS: '1000',
    LOG_LEVEL: nodeEnv === 'test' ? 'silent' : 'info',
    SHUTDOWN_TIMEOUT_MS: '10000',
    FILE_QUOTA_RECRUITER_MB: '1024',
    FILE_QUOTA_CANDIDATE_MB: '200',
    TRUST_PROXY: 'false',
    // On by default in development only, so a fresh checkout can be tried without provider credentials.
    AUTH_DEV_LOGIN: nodeEnv === 'development' ? 'true' : 'false',
    GOOGLE_ISSUER: 'https://accounts.google.com',
    LINKEDIN_ISSUER: 'https://www.linkedin.com/oauth',
    LLM_BASE_URL: 'https://api.groq.com/openai/v1',
    // Groq's quality model since llama-3.3-70b-versatile was decommissioned (August 2026).
    LLM_MODEL: 'openai/gpt-oss-120b',
    LLM_TIMEOUT_MS: '60000',
    LLM_FIRST_TOKEN_TIMEOUT_MS: '20000',
    LLM_MAX_RETRIES: '2',
    INTERVIEWER_TOKEN_BUDGET: '6000',
    INTERVIEW_REPLY_GRACE_MS: '3000',
    CRON_ENABLED: 'true',
    DEEPGRAM_BASE_URL: 'https://api.deepgram.com',
    DEEPGRAM_STT_MODEL: 'nova-3',
    DEEPGRAM_TTS_VOICE: 'aura-2-thalia-en',
    CARTESIA_BASE_URL: 'https://api.cartesia.ai',
    // sonic-english and the sonic-2 snapshots were sunset in June 2026.
    CARTESIA_MODEL: 'sonic-3.5',
    CARTESIA_VOICE_ID: 'f786b574-daa5-4673-aa0c-cbe3e8534c02',
    VOICE_TTS_PROVIDER: 'deepgram',
    VOICE_TTS_LOW_LATENCY: 'true',
    VOICE_TURN_DELAY_SCALE: '1',
    VOICE_STT_KEEPALIVE_MS: '5000',
    BREVO_BASE_URL: 'https://api.brevo.com',
    BREVO_SENDER_EMAIL: 'noreply@vantahire.com',
    BREVO_SENDER_NAME: 'VantaHire',
    WHATSAPP_BASE_URL: 'https://graph.facebook.com',
    WHATSAPP_GRAPH_VERSION: 'v26.0',
    WHATSAPP_TEMPLATE_NAME: 'interview_invite',
    WHATSAPP_TEMPLATE_LANGUAGE: 'en_US',
    INVITE_SEND_TIMEOUT_MS: '10000',
    INVITE_SEND_MAX_ATTEMPTS: '5',
    INVITE_RETRY_BASE_SECONDS: '30',
    GCS_BUCKET_NAME: 'vantahire-videos',
    ...(isProduction ? {} : LOCAL_DEFAULTS),
    ...definedEntries(env),
  }
  const parsed = ConfigSchema.safeParse(withDefaults)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`),
    )
  }
  const config = parsed.data
  const allowedOrigins = [...new Set([config.FRONTEND_URL, config.API_URL, ...config.CORS_ORIGINS])]
  return { ...config, allowedOrigins, isProduction }
}

// An empty variable (`FOO=` in a .env file) means "not set", so defaults still apply.
function definedEntries(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
}
