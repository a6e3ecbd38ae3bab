import { randomBytes } from 'node:crypto'
import { crc32 } from 'node:zlib'

/**
 * VantaHire API keys look like `vh_<32 random base62><6 base62 checksum>`. The fixed prefix lets
 * secret scanners recognise a leaked key, and the CRC32 checksum lets them (and this API) reject a
 * mistyped or invented key without a database call, as GitHub's tokens do.
 */
export const API_KEY_PREFIX = 'vh_'
const RANDOM_LENGTH = 32
const CHECKSUM_LENGTH = 6
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const API_KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`)
/** Characters shown in lists so people can tell their keys apart: `vh_` and the first 8 random ones. */
export const API_KEY_DISPLAY_LENGTH = API_KEY_PREFIX.length + 8

export function generateApiKey(): string {
  // Rejection sampling keeps every base62 digit uniform (256 is not a multiple of 62).
  let random = ''
  while (random.length < RANDOM_LENGTH) {
    for (const byte of randomBytes(RANDOM_LENGTH)) {
      if (byte < 248 && random.length < RANDOM_LENGTH) random += BASE62[byte % 62]
    }
  }
  return `${API_KEY_PREFIX}${random}${checksumOf(random)}`
}

/** True when `key` has the VantaHire shape and a matching checksum. */
export function isWellFormedApiKey(key: string): boolean {
  if (!API_KEY_PATTERN.test(key)) return false
  const body = key.slice(API_KEY_PREFIX.length)
  return checksumOf(body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH)
}

function checksumOf(random: string): string {
  let value = crc32(random)
  let digits = ''
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    digits = BASE62[value % 62] + digits
    value = Math.floor(value / 62)
  }
  return digits
}
