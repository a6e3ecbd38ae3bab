import { describe, expect, it } from 'vitest'
import type { SpeechToTextEvent } from '../providers/speech-to-text.js'
import {
  createVoiceSession,
  type StoreReplyEffect,
  step,
  type VoiceSessionEffect,
  type VoiceSessionEvent,
  type VoiceSessionState,
} from './session.js'

/** Drives the machine on a hand-moved clock, firing the timers it asks for when the clock passes them. */
class Driver {
  state: VoiceSessionState
  now = 0
  effects: VoiceSessionEffect[] = []
  timers = new Map<string, number>()

  constructor(options: Parameters<typeof createVoiceSession>[0] = { pace: 'patient' }) {
    this.state = createVoiceSession(options)
  }

  send(event: VoiceSessionEvent) {
    const result = step(this.state, event, this.now)
    this.state = result.state
    for (const effect of result.effects) {
      if (effect.type === 'set_timer') this.timers.set(effect.timerId, this.now + effect.delayMs)
      if (effect.type === 'cancel_timer') this.timers.delete(effect.timerId)
    }
    this.effects.push(...result.effects)
    return result.effects
  }

  /** Moves the clock, firing due timers in order; audio arrives in real time meanwhile. */
  advance(ms: number) {
    const until = this.now + ms
    for (;;) {
      const due = [...this.timers].filter(([, at]) => at <= until).sort((a, b) => a[1] - b[1])[0]
      if (!due) break
      this.audio((due[1] - this.now) / 1000)
      this.timers.delete(due[0])
      this.send({ type: 'timer', timerId: due[0] })
    }
    this.audio((until - this.now) / 1000)
  }

  private audio(seconds: number) {
    if (seconds <= 0) return
    this.now += seconds * 1000
    this.send({ type: 'audio', seconds })
  }

  stt(event: SpeechToTextEvent) {
    return this.send({ type: 'stt', event })
  }

  /** A final segment of `text` whose words end at the current audio time. */
  final(text: string, options: { speechFinal?: boolean } = {}) {
    const end = this.state.audioSeconds - this.state.streamOffsetSeconds
    const parts = text.split(' ')
    const words = parts.map((word, index) => ({
      word: word.toLowerCase().replace(/[^a-z]/g, ''),
      punctuatedWord: word,
      start: end - (parts.length - index) * 0.3,
      end: end - (parts.length - index - 1) * 0.3,
      confidence: 0.9,
    }))
    const start = words[0]?.start ?? end
    return this.stt({
      type: 'transcript',
      text,
      isFinal: true,
      speechFinal: options.speechFinal ?? true,
      words,
      start,
      duration: end - start,
    })
  }

  of<T extends VoiceSessionEffect['type']>(type: T) {
    return this.effects.filter(
      (effect): effect is Extract<VoiceSessionEffect, { type: T }> => effect.type === type,
    )
  }

  messages(type: string) {
    return this.of('send')
      .map((effect) => effect.message)
      .filter((message) => message.type === type)
  }
}

function listening(options?: Parameters<typeof createVoiceSession>[0]) {
  const driver = new Driver(options)
  driver.send({ type: 'begin', opening: { kind: 'listen' } })
  return driver
}

/** Ends a candidate turn and starts the reply to it; returns the reply id. */
function answer(driver: Driver, text: string) {
  driver.stt({ type: 'speech_started', timestamp: driver.state.audioSeconds })
  driver.advance(800)
  driver.final(text)
  driver.advance(1500)
  const commit = driver.of('commit_answer').at(-1)
  if (!commit) throw new Error('the turn did not end')
  return commit.replyId
}

describe('the candidate’s turn', () => {
  it('ends a finished sentence after the short wait, with the words and times of the turn', () => {
    const driver = listening()
    driver.advance(1000)
    driver.stt({ type: 'speech_started', timestamp: 1 })
    driver.advance(1200)
    driver.final('I led the billing migration.')
    expect(driver.of('commit_answer')).toHaveLength(0)
    driver.advance(999)
    expect(driver.of('commit_answer')).toHaveLength(0)
    driver.advance(1)
    const [commit] = driver.of('commit_answer')
    expect(commit!.turn.text).toBe('I led the billing migration.')
    expect(commit!.turn.words.map((word) => word.punctuatedWord)).toEqual([
      'I',
      'led',
      'the',
      'billing',
      'migration.',
    ])
    expect(commit!.turn).toMatchObject({ startedAt: 1000, endedAt: 2200 })
    expect(driver.state.phase).toBe('responding')
  })

  it('does not cut off a patient candidate who pauses 1.2 s mid-sentence', () => {
    const driver = listening({ pace: 'patient' })
    driver.stt({ type: 'speech_started', timestamp: 0 })
    driver.advance(1000)
    driver.final('I moved the queue to Postgres because')
    driver.advance(1200)
    expect(driver.of('commit_answer')).toHaveLength(0)
    driver.stt({ type: 'speech_started', timestamp: 2.2 })
    driver.advance(900)
    driver.final('it gave us transactions.')
    driver.advance(2000)
    const commits = driver.of('commit_answer')
    expect(commits).toHaveLength(1)
    expect(commits[0]!.turn.text).toBe('I moved the queue to Postgres because it gave us transactions.')
  })

  it('ends an unfinished thought sooner when the recruiter chose a quick pace', () => {
    const patient = listening({ pace: 'patient' })
    const quick = listening({ pace: 'quick' })
    for (const driver of [patient, quick]) {
      driver.advance(500)
      driver.final('So the first thing I did was')
      driver.advance(1300)
    }
    expect(quick.of('commit_answer')).toHaveLength(1)
    expect(patient.of('commit_answer')).toHaveLength(0)
    patient.advance(1200)
    expect(patient.of('commit_answer')).toHaveLength(1)
  })

  it('waits for interim words to become final, and takes an utterance end as the end of speech', () => {
    const driver = listening()
    driver.stt({
      type: 'transcript',
      text: 'I think',
      isFinal: false,
      speechFinal: false,
      words: [],
      start: 0,
      duration: 0.5,
    })
    driver.advance(3000)
    expect(driver.of('commit_answer')).toHaveLength(0)
    driver.final('I think so.', { speechFinal: false })
    driver.advance(3000)
    expect(driver.of('commit_answer')).toHaveLength(0)
    driver.stt({ type: 'utterance_end', lastWordEnd: 3 })
    driver.advance(1000)
    expect(driver.of('commit_answer')).toHaveLength(1)
  })

  it('sends the candidate’s words as they are recognised', () => {
    const driver = listening()
    driver.final('First part.', { speechFinal: false })
    driver.stt({
      type: 'transcript',
      text: 'second',
      isFinal: false,
      speechFinal: false,
      words: [],
      start: 1,
      duration: 0.3,
    })
    expect(driver.messages('transcript')).toEqual([
      { type: 'transcript', role: 'candidate', text: 'First part.', isFinal: true },
      { type: 'transcript', role: 'candidate', text: 'First part. second', isFinal: false },
    ])
  })

  it('ends the turn when the candidate mutes, with the words the mute flushed', () => {
    const driver = listening()
    driver.stt({
      type: 'transcript',
      text: 'that is',
      isFinal: false,
      speechFinal: false,
      words: [],
      start: 0,
      duration: 0.5,
    })
    driver.send({ type: 'mute' })
    driver.final('That is all.', { speechFinal: false })
    driver.advance(1000)
    expect(driver.of('commit_answer').map((commit) => commit.turn.text)).toEqual(['That is all.'])
  })

  it('ignores speech before the session begins', () => {
    const driver = new Driver()
    driver.final('Hello?')
    driver.advance(5000)
    expect(driver.effects).toEqual([])
  })
})

describe('the interviewer’s reply', () => {
  it('is stored once the page has played it, with its response gap', () => {
    const driver = listening()
    const replyId = answer(driver, 'It was a ledger.')
    const answerEnded = driver.of('commit_answer')[0]!.turn.endedAt
    driver.advance(400)
    driver.send({ type: 'reply_audio', replyId, sentence: 0, text: 'Interesting.', seconds: 1 })
    driver.send({ type: 'reply_audio', replyId, sentence: 1, text: 'How big was it?', seconds: 1.5 })
    driver.send({ type: 'reply_complete', replyId, text: 'Interesting. How big was it?', isClosing: false })
    expect(driver.of('store_reply')).toHaveLength(0)
    driver.send({ type: 'playback_finished' })
    const [stored] = driver.of('store_reply')
    expect(stored).toMatchObject({
      content: 'Interesting. How big was it?',
      isInterrupted: false,
      isClosing: false,
    })
    expect(stored!.responseGapMs).toBe(driver.now - answerEnded)
    expect(driver.messages('interviewer_speaking')).toEqual([{ type: 'interviewer_speaking', replyId }])
    expect(driver.state.phase).toBe('listening')
  })

  it('is stored when the page never says it finished, once its audio must have played', () => {
    const driver = listening({ pace: 'patient', playbackMarginMs: 200 })
    const replyId = answer(driver, 'Yes.')
    driver.send({
      type: 'reply_audio',
      replyId,
      sentence: 0,
      text: 'Thank you, that was my last question.',
      seconds: 2,
    })
    driver.send({
      type: 'reply_complete',
      replyId,
      text: 'Thank you, that was my last question.',
      isClosing: true,
    })
    driver.advance(2199)
    expect(driver.of('store_reply')).toHaveLength(0)
    driver.advance(1)
    expect(driver.of('store_reply')[0]).toMatchObject({ isClosing: true, isInterrupted: false })
    expect(driver.of('end_session')).toEqual([{ type: 'end_session', reason: 'interviewer_closed' }])
    expect(driver.state.phase).toBe('ended')
  })

  it('speaks the stored opening without storing it again', () => {
    const driver = new Driver()
    driver.send({ type: 'begin', opening: { kind: 'speak', text: 'Hello, first question?' } })
    const [speak] = driver.of('speak_stored')
    driver.send({
      type: 'reply_audio',
      replyId: speak!.replyId,
      sentence: 0,
      text: 'Hello, first question?',
      seconds: 1,
    })
    driver.send({
      type: 'reply_complete',
      replyId: speak!.replyId,
      text: 'Hello, first question?',
      isClosing: false,
    })
    driver.send({ type: 'playback_finished' })
    expect(driver.of('store_reply')).toHaveLength(0)
    expect(driver.state.phase).toBe('listening')
  })

  it('is finished at once when it could only be shown as text', () => {
    const driver = listening()
    const replyId = answer(driver, 'Done.')
    driver.send({ type: 'reply_text', replyId, sentence: 0, text: 'Tell me more.' })
    driver.send({ type: 'reply_complete', replyId, text: 'Tell me more.', isClosing: false })
    expect(driver.of('store_reply')[0]).toMatchObject({ content: 'Tell me more.', responseGapMs: null })
    expect(driver.state.phase).toBe('listening')
  })

  it('leaves the answer waiting when the reply fails', () => {
    const driver = listening()
    const replyId = answer(driver, 'Done.')
    driver.send({ type: 'reply_failed', replyId })
    expect(driver.state.phase).toBe('listening')
    expect(driver.of('store_reply')).toHaveLength(0)
  })
})

describe('barge-in', () => {
  it('stops the reply at once and stores only the sentences the candidate heard begin', () => {
    const driver = listening()
    const replyId = answer(driver, 'It was a ledger.')
    driver.send({ type: 'reply_audio', replyId, sentence: 0, text: 'Thanks.', seconds: 1 })
    driver.send({ type: 'reply_audio', replyId, sentence: 1, text: 'Why a ledger?', seconds: 1 })
    driver.send({ type: 'reply_audio', replyId, sentence: 2, text: 'And who used it?', seconds: 1 })
    driver.advance(1500)
    const effects = driver.stt({ type: 'speech_started', timestamp: 9 })
    expect(effects.map((effect) => effect.type)).toEqual([
      'abort_reply',
      'send',
      'record_incident',
      'store_reply',
      'send',
    ])
    expect(driver.messages('barge_in')).toEqual([{ type: 'barge_in', replyId }])
    const stored = driver.of('store_reply')[0] as StoreReplyEffect
    expect(stored).toMatchObject({ content: 'Thanks. Why a ledger?', isInterrupted: true })
    expect(stored.endedSpeakingAt).toBe(driver.now)
    expect(driver.of('record_incident')[0]).toMatchObject({ kind: 'talk_over', replyId })
    expect(driver.state.phase).toBe('listening')
  })

  it('keeps the candidate’s words and makes them the next turn', () => {
    const driver = listening()
    const replyId = answer(driver, 'First.')
    driver.send({ type: 'reply_audio', replyId, sentence: 0, text: 'Okay then, next.', seconds: 2 })
    driver.advance(500)
    driver.stt({
      type: 'transcript',
      text: 'sorry',
      isFinal: false,
      speechFinal: false,
      words: [],
      start: 0,
      duration: 0.2,
    })
    expect(driver.of('abort_reply')).toHaveLength(1)
    driver.advance(300)
    driver.final('Sorry, one more thing.')
    driver.advance(1000)
    const commits = driver.of('commit_answer')
    expect(commits).toHaveLength(2)
    expect(commits[1]!.turn.text).toBe('Sorry, one more thing.')
  })

  it('counts speech before any of the reply was heard as a cut-off, storing nothing of the reply', () => {
    const driver = listening()
    const replyId = answer(driver, 'I think that is it.')
    driver.final('and also the cache.')
    expect(driver.of('record_incident')).toEqual([
      { type: 'record_incident', kind: 'cut_off', replyId, at: driver.now },
    ])
    expect(driver.of('store_reply')).toHaveLength(0)
    expect(driver.of('abort_reply')).toHaveLength(1)
  })

  it('ignores late events of a reply that was interrupted', () => {
    const driver = listening()
    const replyId = answer(driver, 'Fine.')
    driver.stt({ type: 'speech_started', timestamp: 1 })
    driver.send({ type: 'reply_audio', replyId, sentence: 0, text: 'Late.', seconds: 1 })
    driver.send({ type: 'reply_complete', replyId, text: 'Late.', isClosing: false })
    expect(driver.state.reply).toBeNull()
    expect(driver.of('store_reply')).toHaveLength(0)
  })
})

describe('stopping and recovering', () => {
  it('keeps what was said when the session stops mid-reply, and then does nothing more', () => {
    const driver = listening()
    const replyId = answer(driver, 'Fine.')
    driver.send({ type: 'reply_audio', replyId, sentence: 0, text: 'Good answer.', seconds: 1 })
    driver.advance(100)
    driver.send({ type: 'stop' })
    expect(driver.of('store_reply')[0]).toMatchObject({ content: 'Good answer.', isInterrupted: true })
    expect(driver.messages('barge_in')).toEqual([])
    expect(driver.state.phase).toBe('ended')
    expect(driver.final('More words.')).toEqual([])
  })

  it('maps the words of a reopened speech-to-text stream onto the session’s timeline', () => {
    const driver = listening()
    driver.advance(2000)
    driver.final('Before the drop', { speechFinal: false })
    driver.advance(1000)
    driver.send({ type: 'stt_reopened', offsetSeconds: driver.state.lastFinalEndSeconds })
    driver.advance(500)
    driver.final('after it.')
    driver.advance(1000)
    const [commit] = driver.of('commit_answer')
    expect(commit!.turn.text).toBe('Before the drop after it.')
    const ends = commit!.turn.words.map((word) => word.end)
    expect(ends).toEqual([...ends].sort((a, b) => a - b))
    expect(ends.at(-1)).toBeCloseTo(3.5, 5)
  })
})
