// The API in its own process for `bench/voice.ts`, so that its resident memory is its own: configured
// from the environment as in production, with speech-to-text and speech pointed at the fakes the
// bench runs (BENCH_STT_URL, BENCH_TTS_URL). Prints `{"port":…}` on one line once it listens.
import { loadConfig } from '../../src/infra/config.js'
import { buildServices, closeServices } from '../../src/infra/container.js'
import { createLogger } from '../../src/infra/logger.js'
import { createDeepgramSpeechToText } from '../../src/providers/speech-to-text.js'
import { createDeepgramTextToSpeech } from '../../src/providers/text-to-speech.js'
import { startServer } from '../../src/server.js'
import { FAKE_DEEPGRAM_API_KEY } from '../../test/fakes/deepgram-stt-server.js'
import { FAKE_DEEPGRAM_TTS_API_KEY } from '../../test/fakes/deepgram-tts-server.js'

const config = loadConfig(process.env)
const logger = createLogger({ level: 'warn' })
const services = buildServices(config, { logger })
services.speechToText = createDeepgramSpeechToText({
  apiKey: FAKE_DEEPGRAM_API_KEY,
  baseUrl: process.env.BENCH_STT_URL ?? '',
  model: config.DEEPGRAM_STT_MODEL,
  logger,
})
services.textToSpeech = createDeepgramTextToSpeech({
  apiKey: FAKE_DEEPGRAM_TTS_API_KEY,
  baseUrl: process.env.BENCH_TTS_URL ?? '',
  voice: config.DEEPGRAM_TTS_VOICE,
  lowLatency: config.VOICE_TTS_LOW_LATENCY,
  logger,
})
const server = await startServer(services, { port: 0, host: '127.0.0.1', isCronEnabled: false })
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`)

process.once('SIGTERM', async () => {
  await server.close()
  await closeServices(services)
  process.exit(0)
})
