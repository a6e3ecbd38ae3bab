import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  throw new Error('expected the configuration to be refused')
}

describe('loadConfig', () => {
  it('starts with local defaults when nothing is set', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/vantahire',
      REDIS_URL: 'redis://127.0.0.1:6379',
      FRONTEND_URL: 'http://localhost:5173',
      isProduction: false,
    })
    expect(config.allowedOrigins).toEqual(['http://localhost:5173', 'http://localhost:3000'])
  })

  it('names a malformed DATABASE_URL and says what is expected', () => {
    const problems = problemsOf({ DATABASE_URL: 'nonsense' })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/)
  })

  it('reports every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'eighty', REDIS_URL: 'http://example.com', LOG_LEVEL: 'loud' })
    expect(problems.map((problem) => problem.split(' ')[0]).sort()).toEqual([
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
    ])
  })

  it('reads GCS_CREDENTIALS as a service account key, in JSON or base64, and says what is wrong without echoing it', () => {
    const key = {
      type: 'service_account',
      client_email: 'recordings@project.iam.gserviceaccount.com',
      private_key: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
      project_id: 'project',
    }
    const json = JSON.stringify(key)
    const expected = { client_email: key.client_email, private_key: key.private_key, project_id: 'project' }
    expect(loadConfig({ GCS_CREDENTIALS: json }).GCS_CREDENTIALS).toEqual(expected)
    expect(loadConfig({ GCS_CREDENTIALS: Buffer.from(json).toString('base64') }).GCS_CREDENTIALS).toEqual(
      expected,
    )
    expect(loadConfig({}).GCS_CREDENTIALS).toBeUndefined()
    expect(loadConfig({}).GCS_BUCKET_NAME).toBe('vantahire-videos')

    const notJson = problemsOf({ GCS_CREDENTIALS: '{"private_key": "-----BEGIN PRIVATE KEY-----' })
    expect(notJson).toEqual(['GCS_CREDENTIALS must be a service account key (JSON, or JSON in base64)'])
    const noKey = problemsOf({ GCS_CREDENTIALS: JSON.stringify({ client_email: key.client_email }) })
    expect(noKey).toEqual(['GCS_CREDENTIALS.private_key must hold private_key, a PEM private key'])
    expect(problemsOf({ GCS_BUCKET_NAME: 'Not A Bucket' })[0]).toMatch(/^GCS_BUCKET_NAME must be/)
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000)
  })

  it('gives production no connection defaults and refuses the development secret', () => {
    const problems = problemsOf({ NODE_ENV: 'production' })
    expect(problems.some((problem) => problem.startsWith('DATABASE_URL is required'))).toBe(true)
    expect(problems.some((problem) => problem.startsWith('REDIS_URL is required'))).toBe(true)
    expect(problems.some((problem) => problem.startsWith('APP_SECRET'))).toBe(true)

    const withDevelopmentSecret = problemsOf({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://db.internal:5432/vantahire',
      REDIS_URL: 'redis://cache.internal:6379',
      APP_SECRET: 'development-only-secret-do-not-use-in-production',
    })
    expect(withDevelopmentSecret).toEqual([
      'APP_SECRET is the development secret; set a random value of at least 32 characters in production',
    ])
  })

  it('turns development sign-in on by default in development only, and refuses it in production', () => {
    expect(loadConfig({}).AUTH_DEV_LOGIN).toBe(true)
    expect(loadConfig({ NODE_ENV: 'test' }).AUTH_DEV_LOGIN).toBe(false)
    const problems = problemsOf({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://db.internal:5432/vantahire',
      REDIS_URL: 'redis://cache.internal:6379',
      APP_SECRET: 'b'.repeat(64),
      AUTH_DEV_LOGIN: 'true',
    })
    expect(problems).toEqual(['AUTH_DEV_LOGIN must be false in production'])
  })

  it('defaults the language model to Groq, unconfigured until a key is set', async () => {
    const { DEFAULT_MODEL, GROQ_BASE_URL } = await import('../providers/language-model.js')
    const config = loadConfig({})
    expect(config).toMatchObject({
      LLM_BASE_URL: GROQ_BASE_URL,
      LLM_MODEL: DEFAULT_MODEL,
      LLM_TIMEOUT_MS: 60_000,
      LLM_MAX_RETRIES: 2,
    })
    expect(config.GROQ_API_KEY).toBeUndefined()
    expect(loadConfig({ GROQ_API_KEY: '' }).GROQ_API_KEY).toBeUndefined()
    expect(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1/' }).LLM_BASE_URL).toBe(
      'http://127.0.0.1:11434/v1',
    )
    expect(
      problemsOf({ LLM_BASE_URL: 'api.groq.com', LLM_MAX_RETRIES: 'many' }).map((p) => p.split(' ')[0]),
    ).toEqual(['LLM_BASE_URL', 'LLM_MAX_RETRIES'])
  })

  it('defaults voice to Deepgram (real hosts, low latency), unconfigured until a key is set', async () => {
    const { DEEPGRAM_BASE_URL } = await import('../providers/speech-to-text.js')
    const { CARTESIA_BASE_URL } = await import('../providers/text-to-speech.js')
    const config = loadConfig({})
    expect(config).toMatchObject({
      DEEPGRAM_BASE_URL,
      CARTESIA_BASE_URL,
      VOICE_TTS_PROVIDER: 'deepgram',
      VOICE_TTS_LOW_LATENCY: true,
      CARTESIA_MODEL: 'sonic-3.5',
    })
    expect(config.DEEPGRAM_API_KEY).toBeUndefined()
    expect(config.CARTESIA_API_KEY).toBeUndefined()
    expect(loadConfig({ DEEPGRAM_BASE_URL: 'http://127.0.0.1:4010/' }).DEEPGRAM_BASE_URL).toBe(
      'http://127.0.0.1:4010',
    )
    expect(
      problemsOf({
        VOICE_TTS_PROVIDER: 'elevenlabs',
        VOICE_TTS_LOW_LATENCY: 'yes',
        CARTESIA_BASE_URL: 'cartesia',
      }).map((p) => p.split(' ')[0]),
    ).toEqual(['CARTESIA_BASE_URL', 'VOICE_TTS_PROVIDER', 'VOICE_TTS_LOW_LATENCY'])
  })

  it('wants a provider’s client id and secret together', () => {
    expect(problemsOf({ GOOGLE_CLIENT_ID: 'id-only' })).toEqual([
      'GOOGLE_CLIENT_SECRET and GOOGLE_CLIENT_ID must be set together (or both left empty to hide that sign-in button)',
    ])
  })

  it('accepts a complete production configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://db.internal:5432/vantahire',
      REDIS_URL: 'rediss://cache.internal:6380',
      APP_SECRET: 'a'.repeat(64),
      FRONTEND_URL: 'https://app.vantahire.example/',
      CORS_ORIGINS: 'https://partner.example, https://admin.vantahire.example',
    })
    expect(config.isProduction).toBe(true)
    expect(config.allowedOrigins).toEqual([
      'https://app.vantahire.example',
      'http://localhost:3000',
      'https://partner.example',
      'https://admin.vantahire.example',
    ])
  })
})

describe('.env.example', () => {
  it('documents every variable the API reads', async () => {
    const { readFile } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const { API_ROOT } = await import('./migrations.js')
    const { CONFIG_VARIABLES } = await import('./config.js')
    const example = await readFile(join(API_ROOT, '..', '.env.example'), 'utf8')
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]))
    expect(CONFIG_VARIABLES.filter((name) => !documented.has(name))).toEqual([])
  })
})

describe('railway.toml', () => {
  it('gives a stopping instance more time than SHUTDOWN_TIMEOUT_MS lets its requests take', async () => {
    const { readFile } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const { API_ROOT } = await import('./migrations.js')
    const railway = await readFile(join(API_ROOT, '..', 'railway.toml'), 'utf8')
    const drainingSeconds = Number(/^drainingSeconds\s*=\s*(\d+)/m.exec(railway)?.[1])
    // After the grace period Prisma and Redis still close; a few seconds keep SIGKILL away from that.
    const closingMs = 3_000
    expect(loadConfig({}).SHUTDOWN_TIMEOUT_MS + closingMs).toBeLessThanOrEqual(drainingSeconds * 1000)
  })
})
