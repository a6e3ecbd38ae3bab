import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** A random secret of `bytes` bytes (default 32 = 256 bits), base64url without padding. */
export function generateSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** SHA-256 as hex: what is stored and looked up instead of a secret. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** Constant-time string comparison; unequal lengths are unequal without throwing. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * Checks Meta's `X-Hub-Signature-256: sha256=<hex>` header: HMAC-SHA256 of the exact bytes received,
 * keyed with the app secret, compared in constant time. Any other shape is a mismatch.
 */
export function isValidHubSignature(
  rawBody: Uint8Array,
  header: string | undefined,
  appSecret: string,
): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '')
  if (!match?.[1]) return false
  const expected = createHmac('sha256', appSecret).update(rawBody).digest()
  const given = Buffer.from(match[1], 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** True when `Authorization` is `Bearer <token>` with exactly this token (constant-time). */
export function hasBearerToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  return match?.[1] !== undefined && safeEqual(match[1], token)
}
