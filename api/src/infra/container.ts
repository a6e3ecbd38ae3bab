import type { Redis } from 'ioredis'
import type pg from 'pg'
import type { UserRole } from '../generated/prisma/enums.js'
import { BoundedCache } from '../lib/bounded-cache.js'
import { createEmailSender, type EmailSender } from '../providers/email.js'
import { createLanguageModel, type LanguageModel } from '../providers/language-model.js'
import { createGcsObjectStorage, type ObjectStorage } from '../providers/object-storage.js'
import { createOidcProviders, type OAuthProviderId, type OidcProvider } from '../providers/oidc.js'
import { createDeepgramSpeechToText, type SpeechToText } from '../providers/speech-to-text.js'
import {
  createCartesiaTextToSpeech,
  createDeepgramTextToSpeech,
  type TextToSpeech,
  withFallback,
} from '../providers/text-to-speech.js'
import { createWhatsAppSender, type WhatsAppSender } from '../providers/whatsapp.js'
import { Realtime } from '../realtime/publisher.js'
import { type ApiUsageLog, createApiUsageLog } from './api-usage-log.js'
import type { Config } from './config.js'
import { createDatabase, type Database } from './db.js'
import { createLogger, type Logger } from './logger.js'
import { createRedis } from './redis.js'

/**
 * What this instance remembers of an API key between requests, by the key's hash: its row as it was
 * read, and the key's invalidation marker in Redis at that moment. Every use compares the marker
 * with Redis's current one in the same call that counts the request (see `services/api-keys.ts`).
 */
export type CachedApiKey = {
  id: string
  keyHash: string
  status: 'ACTIVE' | 'REVOKED' | 'EXPIRED'
  revokedAt: Date | null
  expiresAt: Date | null
  scopes: string[]
  rateLimitPerDay: number
  user: { id: string; role: UserRole; disabledAt: Date | null }
  marker: string
}

/** How long an instance keeps a key it has read; an invalidation in Redis ends it sooner. */
const API_KEY_CACHE_TTL_MS = 5 * 60_000
const API_KEY_CACHE_MAX_ENTRIES = 10_000

/** Everything a request handler may use, built once at boot and passed to `createApp`. */
export type Services = {
  config: Config
  logger: Logger
  prisma: Database
  pgPool: pg.Pool
  redis: Redis
  oauthProviders: Map<OAuthProviderId, OidcProvider>
  /** The interviewer's model; `isConfigured` is false without GROQ_API_KEY. */
  languageModel: LanguageModel
  /** Hears voice-interview candidates; null without DEEPGRAM_API_KEY (voice is then "not configured"). */
  speechToText: SpeechToText | null
  /** Speaks the interviewer's replies: VOICE_TTS_PROVIDER first, the other provider as fallback; null without keys. */
  textToSpeech: TextToSpeech | null
  /** Brevo; `isConfigured` is false without BREVO_API_KEY, and invites go to the outbox. */
  emailSender: EmailSender
  /** The WhatsApp Cloud API; `isConfigured` is false without its token and phone id (outbox then). */
  whatsAppSender: WhatsAppSender
  /** Cloud Storage for interview recordings; null without GCS_CREDENTIALS (recording is then off). */
  objectStorage: ObjectStorage | null
  /** Live updates to users' browsers; attached to socket.io when the server starts. */
  realtime: Realtime
  /** API keys this instance has read, by hash (see `CachedApiKey`). */
  apiKeyCache: BoundedCache<string, CachedApiKey>
  /** API-key requests on their way to ApiUsageLog, written in batches; flushed by `closeServices`. */
  apiUsageLog: ApiUsageLog
  lifecycle: {
    /** Flipped when shutdown begins, so readiness reports 503 and load balancers stop sending traffic. */
    isShuttingDown: boolean
    /**
     * Voice sessions open on this instance. Shutdown ends each (the page reconnects elsewhere) and
     * waits for what it stores before the database connections close.
     */
    voiceSessions: Set<{ end(reason: 'server_shutdown'): Promise<void> }>
  }
}

export function buildServices(config: Config, overrides: { logger?: Logger } = {}): Services {
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL })
  const { prisma, pool } = createDatabase({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    logger,
  })
  const redis = createRedis({
    url: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
    logger,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
  })
  return {
    config,
    logger,
    prisma,
    pgPool: pool,
    redis,
    oauthProviders: createOidcProviders(config),
    languageModel: createLanguageModel({
      apiKey: config.GROQ_API_KEY,
      baseUrl: config.LLM_BASE_URL,
      model: config.LLM_MODEL,
      timeoutMs: config.LLM_TIMEOUT_MS,
      firstTokenTimeoutMs: config.LLM_FIRST_TOKEN_TIMEOUT_MS,
      maxRetries: config.LLM_MAX_RETRIES,
      logger,
    }),
    speechToText: config.DEEPGRAM_API_KEY
      ? createDeepgramSpeechToText({
          apiKey: config.DEEPGRAM_API_KEY,
          baseUrl: config.DEEPGRAM_BASE_URL,
          model: config.DEEPGRAM_STT_MODEL,
          logger,
        })
      : null,
    textToSpeech: buildTextToSpeech(config, logger),
    objectStorage: config.GCS_CREDENTIALS
      ? createGcsObjectStorage({
          bucket: config.GCS_BUCKET_NAME,
          projectId: config.GCS_PROJECT_ID,
          credentials: config.GCS_CREDENTIALS,
          apiEndpoint: config.GCS_API_ENDPOINT,
        })
      : null,
    realtime: new Realtime(logger, { redis, keyPrefix: config.REDIS_KEY_PREFIX }),
    apiKeyCache: new BoundedCache({ ttlMs: API_KEY_CACHE_TTL_MS, maxEntries: API_KEY_CACHE_MAX_ENTRIES }),
    apiUsageLog: createApiUsageLog({ prisma, logger }),
    emailSender: createEmailSender({
      apiKey: config.BREVO_API_KEY,
      baseUrl: config.BREVO_BASE_URL,
      sender: { email: config.BREVO_SENDER_EMAIL, name: config.BREVO_SENDER_NAME },
      timeoutMs: config.INVITE_SEND_TIMEOUT_MS,
    }),
    whatsAppSender: createWhatsAppSender({
      accessToken: config.WHATSAPP_API_KEY,
      phoneNumberId: config.WHATSAPP_PHONE_ID,
      baseUrl: config.WHATSAPP_BASE_URL,
      graphVersion: config.WHATSAPP_GRAPH_VERSION,
      timeoutMs: config.INVITE_SEND_TIMEOUT_MS,
    }),
    lifecycle: { isShuttingDown: false, voiceSessions: new Set() },
  }
}

function buildTextToSpeech(config: Config, logger: Logger): TextToSpeech | null {
  const byName = {
    deepgram: config.DEEPGRAM_API_KEY
      ? createDeepgramTextToSpeech({
          apiKey: config.DEEPGRAM_API_KEY,
          baseUrl: config.DEEPGRAM_BASE_URL,
          voice: config.DEEPGRAM_TTS_VOICE,
          lowLatency: config.VOICE_TTS_LOW_LATENCY,
          logger,
        })
      : undefined,
    cartesia: config.CARTESIA_API_KEY
      ? createCartesiaTextToSpeech({
          apiKey: config.CARTESIA_API_KEY,
          baseUrl: config.CARTESIA_BASE_URL,
          voice: config.CARTESIA_VOICE_ID,
          modelId: config.CARTESIA_MODEL,
          lowLatency: config.VOICE_TTS_LOW_LATENCY,
          logger,
        })
      : undefined,
  }
  const chosen = config.VOICE_TTS_PROVIDER
  const other = chosen === 'deepgram' ? 'cartesia' : 'deepgram'
  const primary = byName[chosen] ?? byName[other]
  if (!primary) return null
  if (!byName[chosen]) {
    logger.warn(
      { chosen, using: other },
      'VOICE_TTS_PROVIDER has no API key; the other provider speaks instead',
    )
    return primary
  }
  return withFallback(primary, byName[other], { logger })
}

/** Closes every connection `buildServices` opened. Safe to call once the HTTP server has stopped. */
export async function closeServices(services: Services): Promise<void> {
  // The last requests' usage rows go to Postgres before its connections close.
  await services.apiUsageLog.close()
  await services.realtime.close()
  await services.textToSpeech?.close().catch(() => undefined)
  await services.prisma.$disconnect().catch(() => undefined)
  await services.pgPool.end().catch(() => undefined)
  await services.redis.quit().catch(() => services.redis.disconnect())
}
