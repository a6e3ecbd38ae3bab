import { useId, useState } from 'react'
import { Card, CardDescription, CardTitle } from '../components/ui/card'
import type { CreatedApiKey } from '../features/api-keys/api/create-api-key'
import { ApiKeyList } from '../features/api-keys/components/api-key-list'
import { ApiReferenceLink } from '../features/api-keys/components/api-reference-link'
import { CreateApiKeyForm } from '../features/api-keys/components/create-api-key-form'
import { NewApiKeyPanel } from '../features/api-keys/components/new-api-key-panel'

/** `/account/api-keys`, for recruiters and admins: keys that let other systems use VantaHire's API. */
export function ApiKeysPage() {
  const createHeadingId = useId()
  const listHeadingId = useId()
  // Held in memory only: the key must be gone after a reload, as the API will never send it again.
  const [created, setCreated] = useState<CreatedApiKey | null>(null)

  return (
    <>
      <title>API keys — VantaHire</title>
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-16">
        <h1 className="font-bold text-3xl text-slate-900 tracking-tight">API keys</h1>
        <p className="mt-3 text-slate-700 leading-7">
          Keys let your own systems, such as an applicant tracking system, create interviews and read results
          through VantaHire's API. Send a key as{' '}
          <code className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm">
            Authorization: Bearer vh_…
          </code>
          .
        </p>
        <ApiReferenceLink />

        <div className="mt-8 space-y-6">
          {created ? <NewApiKeyPanel created={created} onDone={() => setCreated(null)} /> : null}

          <Card as="section" aria-labelledby={createHeadingId}>
            <CardTitle id={createHeadingId}>Create a key</CardTitle>
            <CardDescription>You'll see the key once, right after creating it.</CardDescription>
            <div className="mt-5">
              <CreateApiKeyForm onCreated={setCreated} />
            </div>
          </Card>

          <Card as="section" aria-labelledby={listHeadingId}>
            <CardTitle id={listHeadingId}>Your keys</CardTitle>
            <CardDescription>
              Each key may make up to its daily limit of requests, counted from midnight UTC.
            </CardDescription>
            <div className="mt-5">
              <ApiKeyList />
            </div>
          </Card>
        </div>
      </div>
    </>
  )
}
