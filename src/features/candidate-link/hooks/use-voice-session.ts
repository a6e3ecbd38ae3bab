import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { describeError } from '../../../lib/api'
import { candidateInterviewQueryKey } from '../api/get-candidate-interview'
import { type InterviewMessage, interviewMessagesQueryKey } from '../api/list-interview-messages'
import type { VoiceClientMessage, VoiceRole, VoiceServerMessage } from '../api/voice-protocol'
import { isVoiceNotConfigured, requestVoiceTicket, voiceSocketUrl } from '../api/voice-ticket'
import type { MicrophoneCapture } from './voice-audio'
import { PcmPlayer } from './voice-audio'

/** Waits before each reconnection after a network blip; then the page gives up and says so. */
const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000]
/** Above this microphone level the candidate counts as speaking, for their indicator. */
const SPEAKING_LEVEL = 0.02
const SPEAKING_HOLD_MS = 400

function sendOn(socket: WebSocket | null, message: VoiceClientMessage) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message))
}

export type VoicePhase = 'connecting' | 'live' | 'reconnecting' | 'unavailable' | 'failed' | 'ended'

export type VoiceSession = {
  phase: VoicePhase
  /** What each side is saying right now, before it is stored as a turn. */
  live: Record<VoiceRole, string>
  isInterviewerSpeaking: boolean
  isCandidateSpeaking: boolean
  isMuted: boolean
  problem: string | null
  /** The interviewer's words when their speech could not be synthesized. */
  textReply: string | null
  audioBytesReceived: number
  framesSent: number
  setMuted(isMuted: boolean): void
  switchToText(): void
  end(): void
}

/**
 * The live voice interview over its WebSocket: microphone frames up, the interviewer's audio down
 * and played gap-free, captions of both sides, and a fresh ticket to reconnect after a blip.
 * Stored turns go into the transcript's cache, which the captions and the text chat share.
 */
export function useVoiceSession(
  token: string,
  capture: MicrophoneCapture,
  callbacks: { onSwitchedToText(): void },
): VoiceSession {
  const queryClient = useQueryClient()
  const [phase, setPhase] = useState<VoicePhase>('connecting')
  const [live, setLive] = useState<Record<VoiceRole, string>>({ candidate: '', interviewer: '' })
  const [isInterviewerSpeaking, setInterviewerSpeaking] = useState(false)
  const [isCandidateSpeaking, setCandidateSpeaking] = useState(false)
  const [isMuted, setIsMuted] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [textReply, setTextReply] = useState<string | null>(null)
  const [counters, setCounters] = useState({ audioBytesReceived: 0, framesSent: 0 })
  const socketRef = useRef<WebSocket | null>(null)
  const mutedRef = useRef(false)
  const callbacksRef = useRef(callbacks)
  callbacksRef.current = callbacks

  const send = (message: VoiceClientMessage) => sendOn(socketRef.current, message)

  useEffect(() => {
    const send = (message: VoiceClientMessage) => sendOn(socketRef.current, message)
    let isDisposed = false
    let isEnded = false
    let hasBegun = false
    let attempt = 0
    let retryTimer: number | undefined
    let isReplyComplete = false
    let lastLoudAt = 0
    let audioBytesReceived = 0
    let framesSent = 0
    const player = new PcmPlayer(capture.context)
    player.onStart = () => setInterviewerSpeaking(true)
    player.onIdle = () => {
      setInterviewerSpeaking(false)
      if (isReplyComplete) {
        isReplyComplete = false
        send({ type: 'playback_finished' })
      }
    }
    capture.onFrame = (frame) => {
      if (capture.level > SPEAKING_LEVEL) lastLoudAt = performance.now()
      const socket = socketRef.current
      if (socket?.readyState !== WebSocket.OPEN || mutedRef.current) return
      socket.send(frame)
      framesSent++
    }
    const tick = window.setInterval(() => {
      setCandidateSpeaking(!mutedRef.current && performance.now() - lastLoudAt < SPEAKING_HOLD_MS)
      setCounters((current) =>
        current.audioBytesReceived === audioBytesReceived && current.framesSent === framesSent
          ? current
          : { audioBytesReceived, framesSent },
      )
    }, 100)

    const addTurn = (message: InterviewMessage) =>
      queryClient.setQueryData<InterviewMessage[]>(interviewMessagesQueryKey(token), (messages) =>
        messages?.some((existing) => existing.id === message.id) ? messages : [...(messages ?? []), message],
      )

    const finish = (reason: string) => {
      isEnded = true
      player.stop()
      setPhase('ended')
      if (reason === 'switched_to_text') callbacksRef.current.onSwitchedToText()
      else void queryClient.invalidateQueries({ queryKey: candidateInterviewQueryKey(token) })
    }

    const handle = (message: VoiceServerMessage) => {
      switch (message.type) {
        case 'ready':
          player.sampleRate = message.outputSampleRate
          attempt = 0
          setPhase('live')
          setProblem(null)
          if (mutedRef.current) send({ type: 'mute' })
          if (message.state === 'waiting') send({ type: hasBegun ? 'resume' : 'start' })
          hasBegun = true
          return
        case 'transcript':
          setLive((current) => ({ ...current, [message.role]: message.text }))
          return
        case 'turn':
          addTurn(message.message)
          setLive((current) => ({ ...current, [message.role]: '' }))
          return
        case 'interviewer_speaking':
          isReplyComplete = false
          setTextReply(null)
          return
        case 'interviewer_done':
          if (message.interrupted) return
          if (player.isPlaying) isReplyComplete = true
          else send({ type: 'playback_finished' })
          return
        case 'barge_in': {
          isReplyComplete = false
          const playedMs = player.stop()
          setInterviewerSpeaking(false)
          send({ type: 'playback_stopped', playedMs })
          return
        }
        case 'text_reply':
          setTextReply(message.text)
          return
        case 'error':
          setProblem(message.error.message)
          return
        case 'ended':
          // This instance is stopping, not the interview: the close that follows (1001) reconnects.
          if (message.reason === 'server_shutdown') return
          finish(message.reason)
          return
      }
    }

    const scheduleReconnect = () => {
      const delay = RECONNECT_DELAYS_MS[attempt]
      if (delay === undefined) {
        setPhase('failed')
        setProblem('The voice connection was lost and could not be restored.')
        return
      }
      attempt++
      setPhase('reconnecting')
      retryTimer = window.setTimeout(() => void connect(), delay)
    }

    async function connect() {
      let url: string
      try {
        url = voiceSocketUrl((await requestVoiceTicket(token)).url)
      } catch (error) {
        if (isDisposed) return
        if (isVoiceNotConfigured(error)) setPhase('unavailable')
        else if (error instanceof TypeError || !navigator.onLine) scheduleReconnect()
        else {
          setPhase('failed')
          setProblem(describeError(error))
        }
        return
      }
      if (isDisposed) return
      const socket = new WebSocket(url)
      socket.binaryType = 'arraybuffer'
      socketRef.current = socket
      socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
        if (typeof event.data === 'string') {
          handle(JSON.parse(event.data) as VoiceServerMessage)
          return
        }
        audioBytesReceived += event.data.byteLength
        player.push(event.data)
      }
      socket.onclose = (event) => {
        if (socketRef.current === socket) socketRef.current = null
        if (isDisposed || isEnded) return
        player.stop()
        setInterviewerSpeaking(false)
        // 4xxx: the server refused or ended the session for a reason it has already sent.
        if (event.code >= 4000 && event.code < 5000) {
          setPhase('failed')
          setProblem((current) => current ?? (event.reason || 'The voice session was closed.'))
          return
        }
        scheduleReconnect()
      }
    }

    void connect()
    return () => {
      isDisposed = true
      window.clearTimeout(retryTimer)
      window.clearInterval(tick)
      capture.onFrame = null
      player.stop()
      socketRef.current?.close(1000, 'page closed')
      socketRef.current = null
    }
  }, [capture, token, queryClient])

  return {
    phase,
    live,
    isInterviewerSpeaking,
    isCandidateSpeaking,
    isMuted,
    problem,
    textReply,
    ...counters,
    setMuted(next) {
      mutedRef.current = next
      setIsMuted(next)
      send({ type: next ? 'mute' : 'unmute' })
    },
    switchToText() {
      if (socketRef.current?.readyState === WebSocket.OPEN) send({ type: 'switch_to_text' })
      else callbacksRef.current.onSwitchedToText()
    },
    end() {
      send({ type: 'end', reason: 'The candidate ended the interview.' })
    },
  }
}
