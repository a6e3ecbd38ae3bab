import { useState } from 'react'

/** Per tab: a voice interview the candidate moved to text stays in text after a reload. */
const storageKey = (interviewId: string) => `vantahire.interviewMode.${interviewId}`

export function useAnswerMode(interviewId: string) {
  const [mode, setMode] = useState<'voice' | 'text'>(() =>
    sessionStorage.getItem(storageKey(interviewId)) === 'text' ? 'text' : 'voice',
  )
  return {
    mode,
    switchToText() {
      sessionStorage.setItem(storageKey(interviewId), 'text')
      setMode('text')
    },
  }
}
