/**
 * Limits on what a candidate types into their interview page. Here rather than in schemas/ so the
 * SPA can show them beside the field (it may import only domain/).
 */

/** One answer to the interviewer. */
export const MAX_ANSWER_CHARS = 8_000

/** Why the candidate asks for a person to review the result. */
export const MAX_REVIEW_REASON_CHARS = 2_000
