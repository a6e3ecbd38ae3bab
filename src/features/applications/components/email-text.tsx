import { Fragment } from 'react'

/**
 * An email address that may wrap only where a reader expects it to: before the `@` and before each
 * dot, never mid-word (a long address in a narrow column otherwise breaks at any letter).
 */
export function EmailText({ email }: { email: string }) {
  const parts = email.split(/(?=[@.])/)
  return (
    <>
      {parts.map((part, index) => (
        // The parts of one address never reorder, so their positions are stable keys.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  )
}
