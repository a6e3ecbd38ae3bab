/** How long a voice interviewer waits before taking its turn; the recruiter chooses per interview. */
export const VOICE_PACES = ['patient', 'quick'] as const
export type VoicePace = (typeof VOICE_PACES)[number]
