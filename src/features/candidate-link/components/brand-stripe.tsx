import { DEFAULT_ACCENT } from '../../../lib/color'

/** The company's own colour as decoration only, so it may be any colour; text and controls use the readable accent. */
export function BrandStripe({ color }: { color: string | null }) {
  return <div className="h-2" style={{ backgroundColor: color ?? DEFAULT_ACCENT }} aria-hidden="true" />
}
