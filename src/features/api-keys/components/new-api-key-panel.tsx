import { useEffect, useId, useRef } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { CopyButton } from '../../../components/ui/copy-button'
import type { CreatedApiKey } from '../api/create-api-key'

/**
 * The one and only showing of a new key: the API keeps just its hash, so once this panel is closed
 * or the page reloaded, the key cannot be shown again.
 */
export function NewApiKeyPanel({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const keyRef = useRef<HTMLElement>(null)

  // The panel replaces what the person was doing; take focus so screen readers read it at once.
  useEffect(() => headingRef.current?.focus(), [])

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl border-2 border-emerald-300 bg-white p-5 shadow-sm sm:p-6"
    >
      <h2
        ref={headingRef}
        id={headingId}
        tabIndex={-1}
        className="font-semibold text-lg text-slate-900 focus:outline-none"
      >
        Your new API key “{created.apiKey.name}”
      </h2>
      <Alert tone="warning" className="mt-4" title="Copy it now: it will not be shown again">
        VantaHire keeps only a fingerprint of this key, so nobody can show it to you later. Store it in your
        password manager or your integration's secret settings. If you lose it, revoke it and create another.
      </Alert>

      <p className="mt-5 font-medium text-slate-900 text-sm">API key</p>
      <code
        ref={keyRef}
        className="mt-1.5 block select-all break-all rounded-lg bg-slate-900 px-4 py-3 font-mono text-emerald-200 text-sm"
      >
        {created.key}
      </code>

      <div className="mt-4 flex flex-wrap items-center gap-3">
        <CopyButton text={created.key} label="Copy key" variant="primary" size="md" fallbackRef={keyRef} />
        <Button variant="secondary" onClick={onDone}>
          I've stored it safely
        </Button>
      </div>
    </section>
  )
}
