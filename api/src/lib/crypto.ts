import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

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
