// The API in its own process for `bench/voice.ts`, so that its resident memory is its own: configured
// from the environment as in production, with speech-to-text and speech pointed at the fakes the
// bench runs (BENCH_STT_URL, BENCH_TTS_URL). Prints `{"port":…}` on one line once it listens, and
// tells the bench over the IPC channel how late its event loop ran (the measure of a busy process).
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { loadConfig } from '../../src/infra/config.js'
import { buildServices, closeServices } from '../../src/infra/container.js'
import { createLogger } from '../../src/infra/logger.js'
import { createDeepgramSpeechToText } from '../../src/providers/speech-to-text.js'
import { createDeepgramTextToSpeech } from '../../src/providers/text-to-speech.js'
import { startServer } from '../../src/server.js'
import { FAKE_DEEPGRAM_API_KEY } from '../../test/fakes/deepgram-stt-server.js'
import { FAKE_DEEPGRAM_TTS_API_KEY } from '../../test/fakes/deepgram-tts-server.js'

/** Asks for the event-loop delay since the last ask. */
export type VoiceServerRequest = { kind: 'event-loop-delay' }
/** In ms. */
export type VoiceServerReply = { kind: 'event-loop-delay'; p50: number; p99: number; max: number }

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
const delay = monitorEventLoopDelay({ resolution: 5 })
delay.enable()
process.on('message', (message: VoiceServerRequest) => {
  if (message.kind !== 'event-loop-delay') return
  const ms = (nanoseconds: number) => nanoseconds / 1e6
  process.send?.({
    kind: 'event-loop-delay',
    p50: ms(delay.percentile(50)),
    p99: ms(delay.percentile(99)),
    max: ms(delay.max),
  } satisfies VoiceServerReply)
  delay.reset()
})
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`)

process.once('SIGTERM', async () => {
  await server.close()
  await closeServices(services)
  // process.exit, not a natural end, so that `--cpu-prof` writes its profile on the way out.
  process.exit(0)
})
// The bench went away without stopping us: nobody needs this server any more.
process.on('disconnect', () => process.exit(1))
