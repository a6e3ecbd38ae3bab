/**
 * The candidate's link token, kept for this tab only. It is moved out of the address bar as soon as
 * it is read, so it cannot leak through history, screenshots or shared screens.
 */
const STORAGE_KEY = 'vantahire.interviewToken'

export function saveInterviewToken(token: string): void {
  sessionStorage.setItem(STORAGE_KEY, token)
}

export function readInterviewToken(): string | null {
  return sessionStorage.getItem(STORAGE_KEY)
}

/** How every candidate request names its interview. */
export function linkHeaders(token: string): { 'X-Interview-Token': string } {
  return { 'X-Interview-Token': token }
}
