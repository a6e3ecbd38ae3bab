/** VantaHire's own accent (brand-600), used where a company's colour would be hard to read. */
export const DEFAULT_ACCENT = '#4f46e5'

const HEX_COLOR = /^#([0-9a-f]{6})$/i

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((channel) => {
    const c = channel / 255
    return c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG 2 contrast ratio between two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/**
 * A company's colour when white text on it is readable (WCAG AA for body text, 4.5:1), else
 * VantaHire's accent: buttons and links in that colour carry white text.
 */
export function readableAccent(color: string | null | undefined): string {
  if (!color || !HEX_COLOR.test(color)) return DEFAULT_ACCENT
  return contrastRatio(color, '#ffffff') >= 4.5 ? color.toLowerCase() : DEFAULT_ACCENT
}

/** `hex` mixed with black by `amount` (0–1), for the hover shade of an accent. */
export function darken(hex: string, amount: number): string {
  const mixed = channels(hex).map((channel) => Math.round(channel * (1 - amount)))
  return `#${mixed.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`
}
