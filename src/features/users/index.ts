// What other features may use of the signed-in person's account: the candidate profile (its résumé).
export { type CandidateProfile, useCandidateProfile } from './api/get-candidate-profile'
